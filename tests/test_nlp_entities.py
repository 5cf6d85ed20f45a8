"""kg_entities and kg_sentences on small hand-written texts (the real French model, loaded once)."""
import pytest

from kg.nlp import prepare_text

pytestmark = pytest.mark.model


def ents(nlp, text):
    doc = nlp(prepare_text(text, nlp))
    return {(e.text, e.label_) for e in doc.ents}


def test_nlp_knowledge_base_fixes_model_labels(nlp):
    found = ents(nlp, "Hier, Spotify a annoncé que ChatGPT serait intégré à son application.")
    assert ("Spotify", "Organization") in found
    assert ("ChatGPT", "Product") in found


def test_nlp_quoted_titles_with_possessive_and_nationality(nlp):
    found = ents(nlp, "Le studio a présenté le film 'Coréen The Silent Harbor' puis 'Travelers' Bay' en avant-première.")
    assert ("The Silent Harbor", "Movie") in found
    assert ("Travelers' Bay", "CreativeWork") in found
    assert not any(text.startswith("Coréen") for text, _ in found)


def test_nlp_title_after_work_noun_and_comma(nlp):
    found = ents(nlp, "Le groupe a conçu un jeu mobile, Harbor Tales : Night Shift.")
    assert ("Harbor Tales : Night Shift", "VideoGame") in found
    found = ents(nlp, "Dans une vidéo, le père de Léa, Paul Verdier, a lancé un appel.")  # the title follows the first comma
    assert ("Paul Verdier", "Person") in found
    found = ents(nlp, "Dans une vidéo, M. Paul Verdier, médecin du village, a lancé un appel.")  # a person, not a title
    assert ("Paul Verdier", "Person") in found and not any(label == "Video" for _, label in found)


def test_nlp_a_name_runs_on_over_digits_not_over_a_number_word(nlp):
    found = ents(nlp, "Elle avait fait installer par la compagnie Zorix un système d'alerte.")
    assert ("Zorix", "Company") in found and not any(text.startswith("Zorix un") for text, _ in found)


def test_nlp_a_name_keeps_an_english_possessive_and_an_industry_names_a_company(nlp):
    found = ents(nlp, "Hier, l'industrie cosmétique Bellas's à Berlin a jeté des déchets dans l’industrie « Goutte de soude ».")
    assert ("Bellas's", "Company") in found and ("Goutte de soude", "Company") in found
    assert not ents(nlp, "L'industrie automobile a souffert de la crise.")  # no name after it


def test_nlp_a_quoted_name_typed_by_the_noun_set_off_after_it(nlp):
    found = ents(nlp, "Le voleur est un membre de « Tous pour le vent », une association dissoute.")
    assert ("Tous pour le vent", "NGO") in found
    found = ents(nlp, "Il répète souvent « la vie est belle », une phrase de son père.")  # a phrase is no organisation
    assert not any(text == "la vie est belle" for text, _ in found)


def test_nlp_trigger_noun_types_coordinated_names(nlp):
    found = ents(nlp, "Les syndicats CFDT et UNSA appellent à manifester, comme l'actrice Léa Moreau.")
    assert ("CFDT", "Union") in found and ("UNSA", "Union") in found
    assert ("Léa Moreau", "Person") in found
    found = ents(nlp, "Les syndicats CFDT, FO et UNSA appellent à manifester.")  # a list goes on over commas to its "et"
    assert {("CFDT", "Union"), ("FO", "Union"), ("UNSA", "Union")} <= found


def test_nlp_known_organisation_plus_place_is_a_subsidiary(nlp):
    doc = nlp(prepare_text("Selon le communiqué, Spotify Japan a recruté deux ingénieurs.", nlp))
    subsidiary = [e for e in doc.ents if e.text == "Spotify Japan"]
    assert subsidiary and subsidiary[0].label_ == "Organization" and subsidiary[0].id_ == "subsidiary:spotify"


def test_nlp_drops_junk_names(nlp):
    found = ents(nlp, "Interroge sur ce point le ministre a repondu. Source : Le Monde")
    assert not any(text in {"Interroge", "Source", "Source :"} for text, _ in found)


def test_nlp_coup_d_etat_names_no_state(nlp):
    assert "État" not in {text for text, _ in ents(nlp, "Un coup d'État a renversé le président du Mali.")}
    assert "État" in {text for text, _ in ents(nlp, "Les syndicats ont demandé à l'État une aide d'urgence.")}


def test_nlp_values_are_typed_spans(nlp):
    found = ents(nlp, "Le groupe a levé 12 millions d'euros, soit 8 % de plus, le 3 mars.")
    labels = {label for _, label in found}
    assert {"MONEY", "PERCENT", "DATE"} <= labels


def test_nlp_descriptions_are_marked_for_resolution(nlp):
    doc = nlp(prepare_text("Spotify grandit. La plateforme de streaming recrute, et cette nouvelle technologie aide.", nlp))
    descriptions = {e.text: e.id_ for e in doc.ents if e.label_ == "DESC"}
    assert descriptions.get("La plateforme de streaming") == "desc:Organization"
    assert descriptions.get("cette nouvelle technologie") == "desc:Technology"


def test_nlp_a_noun_said_by_the_name_after_it_is_no_description(nlp):
    """"la ville de Grenoble", "la ville natale de Paul Roux", "la société de Marc Petit" are said by the name
    after them; "l'éditeur de Grenoble" is still the publisher named before, and where it is."""
    doc = nlp(prepare_text("Un incendie a éclaté à Lyon. La ville de Grenoble a envoyé des pompiers, "
                           "puis la ville natale de Paul Roux et la société de Marc Petit ont aidé.", nlp))
    assert not [e.text for e in doc.ents if e.label_ == "DESC"]
    assert {("Grenoble", "City"), ("Paul Roux", "Person"), ("Marc Petit", "Person")} <= {(e.text, e.label_) for e in doc.ents}
    doc = nlp(prepare_text("Acme a racheté Kelvia. L'éditeur de Grenoble compte intégrer cette technologie.", nlp))
    assert "L'éditeur" in {e.text for e in doc.ents if e.label_ == "DESC"}


def test_nlp_line_breaks_end_sentences(nlp):
    doc = nlp(prepare_text("Un titre sans point\nLa suite commence ici.", nlp))
    assert [s.text.strip() for s in doc.sents] == ["Un titre sans point", "La suite commence ici."]


def test_nlp_prepare_text_keeps_offsets(nlp):
    text = "La societe a declare qu’elle investirait davantage a Paris dans l’IA. " * 12
    prepared = prepare_text(text, nlp)
    assert len(prepared) == len(text)
    assert "société a déclaré" in prepared and "à Paris" in prepared


def test_nlp_a_military_rank_marks_a_person_and_a_roman_ordinal_is_no_name(nlp):
    found = ents(nlp, "Grâce à l'action du Major Antoine Vasseur, la voleuse a été arrêtée par le Colonel Léa Brun.")
    assert {("Antoine Vasseur", "Person"), ("Léa Brun", "Person")} <= found
    assert not any(text in {"Major", "Colonel"} or text.startswith(("Major ", "Colonel ")) for text, _ in found)
    found = ents(nlp, "La variole a tué des milliers de gens jusqu'au XVIIIe siècle en Europe.")
    assert ("Europe", "Place") in found and not any(text == "XVIIIe" for text, _ in found)


def test_nlp_initials_the_model_calls_a_place_are_an_organisation_unless_the_gazetteer_knows_them(nlp):
    assert ("RN", "Organization") in ents(nlp, "Le RN a désigné Jordan Bardella comme tête de liste.")
    assert ("ARS Occitanie", "Organization") in ents(nlp, "L'ARS Occitanie a signalé trois cas de dengue à Montpellier.")
    assert ("RDC", "Place") in ents(nlp, "La RDC a fermé sa frontière avec le Rwanda.")
    assert ("RN 12", "Place") in ents(nlp, "Un camion s'est renversé sur la RN 12 à Morlaix.")  # a road


def test_nlp_a_common_word_opening_the_sentence_before_de_and_a_place_is_no_part_of_its_name(nlp):
    found = ents(nlp, "Native de Dakar, Awa Diallo a ouvert un restaurant à Bordeaux.")
    assert ("Dakar", "Place") in found and not any(text.startswith("Native") for text, _ in found)
    assert ("Pays de la Loire", "Place") in ents(nlp, "Pays de la Loire a voté un budget.")  # a place's own name
    assert ("Banque de France", "Organization") in ents(nlp, "Banque de France a publié ses prévisions.")


def test_nlp_a_person_s_name_keeps_the_syllable_after_its_hyphen(nlp):
    assert ("Kim Jong-un", "Person") in ents(nlp, "Vladimir Poutine a rencontré Kim Jong-un à Pyongyang.")
    assert ("Paul Roux", "Person") in ents(nlp, "Paul Roux - un habitant du quartier - a témoigné.")  # a dash set off by spaces


def test_nlp_international_organisations_are_known_by_their_names_and_acronyms(nlp):
    assert ("Nations unies", "IntergovernmentalOrganization") in ents(nlp, "Les Nations unies ont déployé des casques bleus au Liban.")
    assert ("OMS", "IntergovernmentalOrganization") in ents(nlp, "Selon l'OMS, l'épidémie recule.")
    assert not any(text == "nations unies" for text, _ in ents(nlp, "Les associations et nations unies contre le projet ont manifesté."))


def test_nlp_a_minister_s_portfolio_stops_where_the_model_s_person_name_starts(nlp):
    found = ents(nlp, "Le ministre de l'Intérieur Bruno Retailleau a annoncé des renforts.")
    assert {("ministre de l'Intérieur", "Role"), ("Bruno Retailleau", "Person")} <= found
    assert ("ministre des Affaires étrangères", "Role") in ents(nlp, "Le ministre des Affaires étrangères a parlé.")


def test_nlp_a_name_stops_before_a_day_the_model_ran_on_into(nlp):
    found = ents(nlp, "L'Olympique lyonnais a battu le Stade rennais samedi soir.")
    assert any(text == "Stade rennais" for text, _ in found) and not any("samedi" in text for text, _ in found)
    assert any(text == "Journal du dimanche" for text, _ in ents(nlp, "Le ministre s'est confié au Journal du dimanche."))


def test_nlp_a_name_split_around_a_known_place_keeps_no_trailing_de(nlp):
    found = ents(nlp, "Il veut assister aux Jeux Nautiques de Lyon cette année. L'ouverture des Jeux a eu lieu hier.")
    assert ("Lyon", "Place") in found and not any(text.endswith(" de") for text, _ in found)


def test_nlp_a_name_begun_inside_a_title_is_what_follows_it(nlp):
    """The model reads "République de Lille" as one name across the title "procureur de la République"."""
    found = ents(nlp, "Selon le procureur de la République de Lille, Carole Etienne, le suspect a avoué.")
    assert ("procureur de la République", "Role") in found and ("Lille", "Place") in found
    found = ents(nlp, "Le président de la République du Sénégal, Bassirou Diomaye Faye, est arrivé.")
    assert ("Sénégal", "Place") in found
    found = ents(nlp, "Le président de la République, Emmanuel Macron, a parlé.")
    assert not [text for text, _ in found if "République" in text and text != "président de la République"]


def test_nlp_a_name_after_a_possessive_kinship_noun_is_a_person_s(nlp):
    """"Sa femme Marine", "son épouse Claude": a person, though Marine heads a navy's name and Claude is a product."""
    found = ents(nlp, "Johnny vivait à Los Angeles. Sa femme Marine l'accompagnait, avec son épouse Claude.")
    assert ("Marine", "Person") in found and ("Claude", "Person") in found
    assert ("Marine", "Person") not in ents(nlp, "La Marine a envoyé un navire.")


@pytest.mark.model
def test_entities_a_name_opening_with_a_kind_of_organisation_the_tokenizer_splits_is_one(nlp) -> None:
    ents = {e.text: e.label_ for e in nlp("Le Croissant-Rouge palestinien a évacué des blessés à Gaza.").ents}
    assert ents.get("Croissant-Rouge palestinien") == "NGO" and ents.get("Gaza") == "Place"
    assert {e.text: e.label_ for e in nlp("La Croix-Rouge française a ouvert un centre à Calais.").ents}.get("Calais") == "Place"


@pytest.mark.model
def test_entities_a_counted_masculine_demonym_is_people_not_a_place(nlp) -> None:
    assert "Lyonnais" not in {e.text for e in nlp("Un Lyonnais de 28 ans a été condamné.").ents}
    assert "Marseillais" not in {e.text for e in nlp("Deux Marseillais ont été interpellés.").ents}
    assert {e.text: e.label_ for e in nlp("Il est allé à Calais.").ents}.get("Calais") == "Place"  # a town ending so


@pytest.mark.model
def test_entities_a_ministry_written_in_lower_case_is_one_name_from_its_noun(nlp) -> None:
    ents = {e.text: (e.label_, e.id_) for e in nlp("Le ministère de l'Intérieur a déployé 500 policiers à Mayotte.").ents}
    assert ents["ministère de l'Intérieur"][0] == "GovernmentOrganization" and "Le ministère" not in ents
    assert "Paul Roux" in {e.text for e in nlp("La société de Paul Roux a fermé.").ents}  # a person's company: no name


@pytest.mark.model
def test_entities_an_organisation_named_after_its_kind_runs_over_linking_words_but_not_onto_a_place(nlp) -> None:
    def names(text):
        return {e.text for e in nlp(text).ents}

    assert "Les Restos du Cœur" in names("L'association Les Restos du Cœur a ouvert un centre à Lille.")
    assert "Médecins sans Frontières" in names("L'association Médecins sans Frontières a ouvert un hôpital.")
    assert "Batimex" in names("La société Batimex du Mans a fermé.")  # in Le Mans, a place the gazetteer knows


@pytest.mark.model
def test_entities_a_prosecutors_office_and_the_keeper_of_the_seals_are_no_places(nlp) -> None:
    ents = {e.text: e.label_ for e in nlp("Le Parquet national financier a ouvert une enquête.").ents}
    assert ents.get("Parquet national financier") == "GovernmentOrganization"
    ents = {e.text: e.label_ for e in nlp("L'avocat de l'ancien garde des Sceaux a parlé. Il habite à Sceaux.").ents}
    assert ents.get("garde des Sceaux") == "Role" and ents.get("Sceaux") == "Place"  # the town, named alone


@pytest.mark.model
def test_entities_a_kind_noun_in_capitals_the_model_took_into_a_name_is_cut_and_types_it(nlp) -> None:
    ents = {e.text: e.label_ for e in nlp("Des membres de l'ONG Eau pour Tous ont manifesté devant le parlement.").ents}
    assert ents == {"Eau pour Tous": "NGO"}
    assert {e.text: e.label_ for e in nlp("Le PDG de la SNCF a parlé.").ents}.get("SNCF") == "Organization"  # no kind noun
