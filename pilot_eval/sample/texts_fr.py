"""French phrase banks of the simulated sample (French Police nationale accounts).

Written for the simulated sample only (SIMULATED DATA): invented wording in the style of
police accounts of 2013-2014. Slots ``{name}`` are filled by :mod:`pilot_eval.sample.texts`:
``{place}`` (a town of the account's département), ``{city}`` (its main town), the number
slots of :data:`NUMBERS`, the account slots given by :func:`account_slots`, and the banks.
"""

from __future__ import annotations

import numpy as np


def _pick(items: list[str]):
    return lambda rng: items[int(rng.integers(len(items)))]


def _hour(rng: np.random.Generator) -> str:
    h = int(rng.integers(0, 24))
    m = int(rng.choice([0, 0, 0, 15, 30, 30, 45, 10, 50]))
    return f"{h}h" if m == 0 else f"{h}h{m:02d}"


NUMBERS = {
    "n": lambda rng: str(int(rng.integers(2, 10))),
    "n2": lambda rng: str(int(rng.integers(10, 60))),
    "age": lambda rng: str(int(rng.integers(12, 18))),
    "age_adult": lambda rng: str(int(rng.integers(19, 88))),
    "heure": _hour,
    "heure_jour": lambda rng: f"{int(rng.integers(9, 19))}h",
    "kg": lambda rng: (
        f"{int(rng.integers(1, 40))} kg"
        if rng.random() < 0.6
        else f"{int(rng.integers(2, 95)) * 10} g"
    ),
    "euros": lambda rng: (
        f"{int(rng.integers(2, 90)) * 100} €"
        if rng.random() < 0.7
        else f"{int(rng.integers(11, 95))} 000 €"
    ),
    "taille": lambda rng: f"1m{int(rng.integers(50, 92))}",
    "mois": lambda rng: str(int(rng.choice([3, 4, 6, 8, 10, 12, 18, 24, 30]))),
    "pct": lambda rng: str(int(rng.integers(5, 38))),
    "jour_num": lambda rng: str(int(rng.integers(2, 29))),
    "sign": lambda rng: "^" + "".join(chr(65 + int(x)) for x in rng.integers(0, 26, size=2)),
}

BANKS: dict[str, list[str]] = {
    # ------------------------------------------------------------ shared
    "moment": [
        "ce matin",
        "cette nuit",
        "hier soir",
        "hier après-midi",
        "vers {heure}",
        "samedi soir",
        "dimanche vers {heure}",
        "lundi matin",
        "mardi vers {heure}",
        "mercredi en fin de journée",
        "jeudi soir",
        "vendredi vers {heure}",
        "dans la nuit de samedi à dimanche",
        "le {jour_num} vers {heure}",
    ],
    "rue": [
        "rue de la République",
        "avenue Jean-Jaurès",
        "boulevard Victor-Hugo",
        "place de la Gare",
        "rue du Général-Leclerc",
        "quai de la Fosse",
        "rue Pasteur",
        "avenue de la Libération",
        "rue des Écoles",
        "place du Marché",
        "boulevard Gambetta",
        "rue Nationale",
        "rue Jean-Moulin",
        "allée des Tilleuls",
        "zone commerciale",
        "parking de la mairie",
        "rue Émile-Zola",
        "cours Foch",
    ],
    "lieu_public": [
        "à la sortie du lycée",
        "près de la gare",
        "dans le tram",
        "au centre commercial",
        "sur le marché",
        "devant la boulangerie",
        "à l'arrêt de bus",
        "dans le parc",
    ],
    "day": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    # ------------------------------------------------------------ prevention
    "prev_open": [
        "#Prévention",
        "Conseil du jour :",
        "Rappel :",
        "Bon réflexe :",
        "Prévention :",
        "À savoir :",
        "Astuce sécurité :",
        "Le saviez-vous ?",
        "Pensez-y :",
    ],
    "prev_advice": [
        "fermez votre porte à clé, même pour une courte absence",
        "ne laissez aucun objet de valeur visible dans votre voiture",
        "signalez vos absences au commissariat grâce à l'Opération Tranquillité Vacances",
        "ne communiquez jamais vos codes bancaires, ni par téléphone ni par mail",
        "un policier présente toujours sa carte tricolore : n'hésitez pas à la demander",
        "gravez vos vélos, c'est gratuit et ça aide à les retrouver",
        "verrouillez vos fenêtres de rez-de-chaussée la nuit",
        "méfiez-vous des démarcheurs qui insistent pour entrer chez vous",
        "ne publiez pas vos dates de vacances sur les réseaux sociaux",
        "gardez votre sac fermé et devant vous dans les transports",
        "notez le numéro IMEI de votre téléphone (*#06#), utile en cas de vol",
        "au moindre doute sur un appel « du commissariat », raccrochez et rappelez le 17",
        "photographiez vos bijoux et objets de valeur pour faciliter une enquête",
        "ne laissez pas vos clés de voiture près de l'entrée",
        "traversez sur les passages piétons et soyez visibles la nuit",
        "après une soirée arrosée, on laisse le volant à celui qui n'a pas bu",
        "un coup de fil pour un prétendu « lot gagné » qui demande un virement ? Arnaque",
        "parlez avec vos enfants de ce qu'ils partagent en ligne",
        "ne retirez pas d'argent si quelqu'un reste trop près de vous au distributeur",
        "un cadenas en U vaut mieux qu'un simple câble pour votre vélo",
        "installez un éclairage à détecteur de présence devant chez vous",
        "les faux agents EDF ou des eaux ne sont jamais pressés de vous laisser vérifier",
    ],
    "prev_cta": [
        "En cas d'urgence : 17.",
        "Urgence ? Composez le 17.",
        "Partagez autour de vous !",
        "Plus d'infos au commissariat.",
        "Parlez-en à vos proches âgés.",
        "RT svp",
        "Un doute ? Appelez le 17.",
        "Faites passer le message.",
    ],
    "prev_topic": [
        "Vigilance",
        "Sécurité au quotidien",
        "Conseil sécurité",
        "Bons réflexes",
        "Tranquillité",
        "Info prévention",
        "Petit rappel",
        "Sécurité",
    ],
    "prev_season": [
        "Avec la nuit qui tombe tôt",
        "Pendant les vacances d'hiver",
        "Avant de partir au ski",
        "Ce week-end de soldes",
        "Les jours de marché",
        "En période de fêtes",
        "Avec le retour des beaux jours",
        "Pendant le carnaval",
    ],
    "fake_police": [
        "des individus se présentent comme policiers pour « vérifier » vos bijoux. "
        "Aucun policier ne fait ça",
        "un faux agent a sonné chez une dame de {age_adult} ans {moment}. Exigez la carte",
        "signalement de faux policiers en civil {rue_at}. Appelez le 17 en cas de doute",
    ],
    "rue_at": [
        "rue de la Paix",
        "avenue de la Gare",
        "dans le quartier de la mairie",
        "quartier Saint-Jacques",
        "près de la place centrale",
        "dans le centre-ville",
        "{rue}",
    ],
    "scam_intro": [
        "Arnaque en cours :",
        "Attention, nouvelle escroquerie :",
        "Vigilance :",
        "Escroquerie signalée à {place} :",
    ],
    "scam_detail": [
        "un faux mail de votre banque demande vos identifiants",
        "de faux techniciens proposent de « réparer » votre ordinateur à distance",
        "des SMS annoncent un colis en attente contre paiement",
        "de faux neveux appellent des personnes âgées pour demander de l'argent",
        "des annonces de location trop belles pour être vraies circulent",
        "un appel masqué se fait passer pour le service des impôts",
    ],
    "online_advice": [
        "réglez la confidentialité de vos profils",
        "ne partagez pas de photos que vous regretteriez",
        "signalez le harcèlement sur internet-signalement.gouv.fr",
        "un mot de passe différent pour chaque compte",
    ],
    "question_prev": [
        "Vous partez en week-end ?",
        "Vous vendez en ligne ?",
        "Seul(e) chez vous ?",
        "Vous rentrez tard ?",
        "Nouveau vélo ?",
        "Un démarcheur à la porte ?",
    ],
    # ------------------------------------------------------------ appeal_witness
    "appeal_open": [
        "#AppelATémoins",
        "Appel à témoins :",
        "Nous recherchons des témoins :",
        "Témoins recherchés :",
        "Avez-vous vu quelque chose ?",
    ],
    "incident": [
        "un vol avec violence",
        "une agression",
        "un accident avec délit de fuite",
        "un vol à l'arraché",
        "un incendie de véhicules",
        "des dégradations",
        "un braquage de commerce",
        "un cambriolage",
        "une tentative d'enlèvement",
        "une rixe",
        "un vol de scooter",
        "une agression d'un chauffeur de bus",
    ],
    "appeal_cta": [
        "Contactez le 17.",
        "Merci d'appeler le 17, même pour un détail.",
        "Toute info au commissariat de {place}.",
        "Appelez le 17, discrétion assurée.",
        "Merci de contacter la police au 17.",
        "Infos par MP ou au 17.",
    ],
    "suspect_desc": [
        "un homme d'environ {taille}, veste sombre et capuche,",
        "deux individus en scooter noir,",
        "un jeune homme en survêtement gris,",
        "une femme d'une quarantaine d'années, manteau rouge,",
        "un individu portant un casque intégral,",
    ],
    "suspect_action": [
        "a pris la fuite",
        "a arraché le sac d'une passante",
        "a menacé un commerçant",
        "a été vu près des voitures fracturées",
        "a frappé un adolescent",
    ],
    "vehicule_desc": [
        "Une Clio grise",
        "Un utilitaire blanc",
        "Une Golf noire",
        "Un scooter rouge",
        "Une 206 bleue",
        "Un fourgon sans vitres",
    ],
    "vehicle_action": [
        "a percuté un piéton et pris la fuite",
        "a été vu lors d'un cambriolage",
        "a forcé un contrôle",
        "a renversé un cycliste",
    ],
    # ------------------------------------------------------------ missing_person
    "missing_open": [
        "#DisparitionInquiétante",
        "Disparition inquiétante :",
        "Aidez-nous à retrouver",
        "Avis de recherche :",
        "URGENT :",
    ],
    "missing_who": [
        "Léa",
        "Thomas",
        "Inès",
        "Kevin",
        "Manon",
        "Lucas",
        "Chloé",
        "Enzo",
        "Jade",
        "Hugo",
        "Camille",
        "Nathan",
        "Sarah",
        "Mathis",
        "Yanis",
        "Clara",
    ],
    "missing_senior": [
        "M. Robert L.",
        "Mme Jeanne P.",
        "M. André D.",
        "Mme Colette B.",
        "M. Marcel G.",
        "Mme Simone R.",
    ],
    "missing_seen": [
        "vu(e) pour la dernière fois",
        "parti(e) de son domicile",
        "aperçu(e)",
        "n'est pas rentré(e) depuis son départ",
    ],
    "missing_desc": [
        "{taille}, cheveux bruns, doudoune noire",
        "{taille}, blond(e), sac à dos bleu",
        "{taille}, yeux verts, jean et baskets blanches",
        "{taille}, lunettes, manteau beige",
        "cheveux longs, parka kaki",
    ],
    "missing_cta": [
        "Toute info : 17.",
        "Merci de partager.",
        "Si vous le/la voyez, appelez le 17.",
        "Partagez, merci !",
        "Info au 17 ou au commissariat.",
    ],
    "found_open": ["MAJ :", "Bonne nouvelle :", "Mise à jour :", "Fin de l'avis de recherche :"],
    "found_text": [
        "a été retrouvé(e) sain(e) et sauf(ve)",
        "a été retrouvé(e) en bonne santé",
        "est rentré(e) chez ses parents",
        "a été retrouvé(e) à {place}",
    ],
    "thanks_share": [
        "Merci pour vos partages !",
        "Merci à tous pour vos RT.",
        "Merci à tous ceux qui ont relayé.",
        "Merci pour votre mobilisation.",
    ],
    # ------------------------------------------------------------ operations
    "ops_arrest": [
        "Interpellation de {n} cambrioleurs",
        "Arrestation d'un voleur à l'arraché",
        "Deux dealers interpellés",
        "Un conducteur sans permis interpellé",
        "Interpellation en flagrant délit d'un voleur de voitures",
        "Un auteur de vols de GPS interpellé",
        "Interpellation d'un pickpocket",
        "{n} individus interpellés après une course-poursuite",
    ],
    "ops_detail": [
        "grâce à l'appel d'un voisin",
        "par la BAC",
        "par les policiers de la sûreté",
        "après {n} semaines d'enquête",
        "grâce à la vidéoprotection",
        "par une patrouille de nuit",
        "suite à un appel au 17",
        "par la brigade cynophile",
    ],
    "drug": ["résine de cannabis", "cocaïne", "héroïne", "herbe de cannabis", "cannabis"],
    "ops_by": [
        "par la BAC",
        "lors d'un contrôle routier",
        "par la brigade des stupéfiants",
        "grâce au flair de nos chiens",
        "après une surveillance de {n} jours",
        "dans une cave",
        "dans un véhicule",
    ],
    "network": [
        "cambrioleurs",
        "voleurs de voitures",
        "trafiquants de cannabis",
        "receleurs de téléphones",
        "voleurs de câbles de cuivre",
        "faussaires",
    ],
    "ops_follow": [
        "Ils seront jugés en comparution immédiate.",
        "Enquête en cours.",
        "{euros} en liquide saisis.",
        "Le butin a été restitué.",
        "Les victimes ont récupéré leurs biens.",
        "Garde à vue en cours.",
    ],
    "ops_reason": [
        "pour trafic de stupéfiants",
        "pour vols en réunion",
        "pour violences urbaines",
        "pour recel",
        "pour conduite en état d'ivresse",
        "pour vols dans les voitures",
    ],
    "ops_court": [
        "Le cambrioleur interpellé à {place} condamné à {mois} mois de prison ferme",
        "{mois} mois ferme pour l'auteur des vols à l'arraché de {place}",
        "L'agresseur du chauffeur de bus de {place} condamné à {mois} mois",
    ],
    "unit": [
        "BAC",
        "brigade cynophile",
        "sûreté départementale",
        "brigade de nuit",
        "brigade des mineurs",
        "unité de sécurité routière",
        "police aux frontières",
    ],
    # ------------------------------------------------------------ traffic
    "traffic_open": ["#Trafic", "Info route :", "Circulation :", "Attention :", "#InfoRoute"],
    "road_event": [
        "accident",
        "véhicule en panne",
        "bouchon de {n} km",
        "chaussée glissante",
        "carambolage sans gravité",
        "poids lourd en travers",
        "manifestation",
    ],
    "road_loc": [
        "dans le sens entrant",
        "à hauteur de la sortie {n}",
        "vers {place}",
        "en direction de {place}",
        "entre {place} et {place}",
    ],
    "traffic_advice": [
        "Ralentissez.",
        "Évitez le secteur.",
        "Prudence !",
        "Déviation mise en place.",
        "Prévoyez du temps.",
        "Respectez les distances de sécurité.",
    ],
    "control_kind": [
        "d'alcoolémie",
        "de vitesse",
        "des deux-roues",
        "du port de la ceinture",
        "de l'usage du téléphone au volant",
        "routiers",
    ],
    "control_when": ["ce week-end", "cette nuit", "toute la semaine", "{day}", "ce soir"],
    "control_where": [
        "à {place}",
        "sur les axes de {city}",
        "aux abords des écoles",
        "en sortie de discothèques",
        "dans tout le département",
    ],
    "weather": ["neige", "verglas", "brouillard épais", "fortes pluies", "vent violent"],
    "alcohol": [
        "{n} conducteurs contrôlés > 0,8 g/l cette nuit à {place}",
        "{n2} contrôles, {n} conducteurs positifs (taux > 0,5 g/l) à {place}",
        "Vitesse < 30 km/h devant les écoles de {place} : {n} excès relevés ce matin",
    ],
    # ------------------------------------------------------------ recruitment
    "recruit_open": [
        "#Recrutement",
        "Recrutement :",
        "Vous voulez nous rejoindre ?",
        "Rejoignez-nous !",
        "Concours :",
    ],
    "recruit_what": [
        "le concours de gardien de la paix",
        "le recrutement des adjoints de sécurité",
        "le concours d'officier de police",
        "le recrutement des cadets de la République",
        "le recrutement de réservistes",
        "le concours de commissaire",
    ],
    "recruit_when": [
        "est ouvert jusqu'au {jour_num} mars",
        "ouvre ses inscriptions",
        "se prépare dès maintenant",
        "recrute {n2} postes dans la région",
    ],
    "recruit_cta": [
        "Infos sur lapolicenationalerecrute.fr",
        "Renseignez-vous au commissariat.",
        "Inscriptions en ligne.",
        "Questions & réponses ce {day} à {heure_jour}.",
    ],
    "job": [
        "gardien de la paix",
        "adjoint de sécurité",
        "cadet de la République",
        "policier réserviste",
        "officier de police",
        "maître-chien",
    ],
    "recruit_info": [
        "Le concours est ouvert aux 17-35 ans.",
        "Réunion d'information au commissariat de {place} ce {day}.",
        "Bac exigé pour le concours externe.",
        "Rencontrez nos recruteurs ce {day}.",
    ],
    # ------------------------------------------------------------ institutional
    "inst_event": [
        "Cérémonie d'hommage aux policiers morts en service",
        "Remise de médailles",
        "Conférence de presse sur la délinquance",
        "Signature d'une convention police-ville",
        "Inauguration du nouveau bureau de police",
        "Visite du préfet",
        "Présentation des chiffres de la délinquance",
        "Réunion police & population",
        "Journée portes ouvertes",
    ],
    "inst_where": [
        "à {place}",
        "au commissariat de {city}",
        "à la préfecture",
        "ce matin à {place}",
        "ce {day} à {place}",
    ],
    "inst_with": [
        "en présence du DDSP.",
        "avec les élus.",
        "avec le préfet.",
        "",
        "",
        "avec les habitants du quartier.",
    ],
    "stat": [
        "cambriolages en baisse de {pct} % sur l'année",
        "{pct} % de vols en moins dans les transports",
        "{n2} interpellations en flagrant délit ce mois-ci",
        "hausse de {pct} % des faits élucidés",
    ],
    "account_news": [
        "ce compte est le compte officiel de la DDSP. Les comptes imitant le nôtre "
        "ne sont pas officiels",
        "nous répondons en semaine de 8h à 19h. Pas de plainte ici, urgence : 17",
        "merci à nos premiers abonnés ! Ce compte publie conseils et infos utiles",
    ],
    # ------------------------------------------------------------ community
    "greeting": [
        "Bon week-end à tous !",
        "Bonne semaine à tous nos abonnés.",
        "Belle journée à vous !",
        "Bonne soirée et soyez prudents.",
        "Bon dimanche !",
        "Bon courage pour la reprise ce lundi !",
    ],
    "behind": [
        "une nuit avec la BAC",
        "le travail de nos motards",
        "la salle de commandement",
        "l'entraînement de nos maîtres-chiens",
        "le quotidien d'un policier de quartier",
        "le tir d'entraînement",
        "la relève du matin",
    ],
    "thanks_who": [
        "aux habitants de {place} pour leur accueil",
        "à tous nos abonnés pour vos messages",
        "aux commerçants de {place}",
        "aux pompiers pour leur aide cette nuit",
        "à la mairie de {place}",
        "à @julie_nts44 pour la jolie photo",
    ],
    "quiz": [
        "quel est le numéro d'urgence européen ? Réponse demain !",
        "combien de chiens compte notre brigade cynophile ?",
        "qui reconnaît ce lieu de {place} ?",
    ],
    # ------------------------------------------------------------ other
    "other_text": [
        "Objet trouvé : un doudou lapin a été déposé au commissariat de {place}",
        "Le standard du commissariat de {place} sera perturbé ce {day} matin",
        "Lever de soleil sur {place} vu par une patrouille ce matin",
        "Retrouvez-nous aussi sur Facebook",
        "Panne de réseau sur notre site ce {day} : merci de votre patience",
        "Déménagement du bureau des objets trouvés de {place} le {jour_num}",
        "Journée de la femme : {n2} policières dans nos équipes",
        "Le marché de {place} est décalé ce {day}",
        "Un chat a élu domicile dans le hall du commissariat de {place}",
        "Clés trouvées {rue_at} à {place} : à réclamer à l'accueil",
    ],
    # ------------------------------------------------------------ replies
    "reply_prev": [
        "pour porter plainte, rendez-vous au commissariat ou faites une pré-plainte en ligne",
        "en cas d'urgence, composez le 17 : nous ne traitons pas les signalements ici",
        "ce type d'appel est une arnaque : ne donnez aucune information",
        "vous pouvez signaler ce site sur internet-signalement.gouv.fr",
        "l'Opération Tranquillité Vacances fonctionne toute l'année, renseignez-vous au commissariat",
        "pour un vélo volé, pensez à donner le numéro de gravage lors de la plainte",
    ],
    "reply_thanks": [
        "Merci pour votre message !",
        "Merci, bonne journée à vous.",
        "Merci pour le relais !",
        "Avec plaisir !",
        "Merci, ça fait plaisir :)",
        "Merci beaucoup, nous transmettons à l'équipe.",
        "Merci et bon week-end !",
    ],
    "reply_other": [
        "nous ne pouvons pas répondre à ce sujet ici, contactez le standard du commissariat",
        "écrivez-nous en MP, nous vous orienterons",
        "la réponse est dans notre tweet de ce matin",
        "c'est noté, merci",
        "voyez avec la mairie de {place} pour cette question",
    ],
}

FRAMES: dict[str, list[str]] = {
    "prevention": [
        "{prev_open} {prev_advice}. {prev_cta}",
        "{prev_topic} : {prev_advice}. {prev_cta}",
        "{prev_season}, {prev_advice}.",
        "{question_prev} {prev_advice}. {prev_cta}",
        "Faux policiers à {place} : {fake_police}. {prev_cta}",
        "{scam_intro} {scam_detail}. {prev_cta}",
        "Ados & réseaux sociaux : {online_advice}. {prev_cta}",
        "{prev_topic} à {place} : {prev_advice}.",
    ],
    "appeal_witness": [
        "{appeal_open} {incident} {moment} {rue_at} à {place}. {appeal_cta}",
        "Vous étiez {rue_at} à {place} {moment} ? {appeal_cta}",
        "{appeal_open} {suspect_desc} {suspect_action} à {place} {moment}. {appeal_cta}",
        "Recherche de témoins : {incident} à {place}, {moment}. {appeal_cta}",
        "{vehicule_desc} {vehicle_action} à {place} {moment}. {appeal_cta}",
    ],
    "missing_person": [
        "{missing_open} {missing_who}, {age} ans, {missing_seen} à {place} {moment}. {missing_desc}. {missing_cta}",
        "{missing_open} {missing_senior}, {age_adult} ans, {missing_seen} {moment} à {place}. {missing_cta}",
        "{found_open} {missing_who}, {age} ans, {found_text}. {thanks_share}",
        "{found_open} {missing_senior} {found_text}. {thanks_share}",
    ],
    "operations": [
        "{ops_arrest} à {place} {moment} {ops_detail}. {ops_follow}",
        "Saisie de {kg} de {drug} à {place} {ops_by}.",
        "{n} interpellations {ops_reason} à {place} {moment}. {ops_follow}",
        "Démantèlement d'un réseau de {network} entre {place} et {place} : {n} personnes en garde à vue",
        "{ops_court}.",
        "Bravo à la {unit} ! {ops_arrest} à {place} {ops_detail}.",
    ],
    "traffic": [
        "{traffic_open} {road_event} {road} {road_loc}. {traffic_advice}",
        "Contrôles {control_kind} {control_when} {control_where}. {traffic_advice}",
        "Météo : {weather} sur les routes {dept_of}. {traffic_advice}",
        "{traffic_open} circulation rétablie {road} depuis {heure}. {traffic_advice}",
        "{alcohol}. {traffic_advice}",
    ],
    "recruitment": [
        "{recruit_open} {recruit_what} {recruit_when}. {recruit_cta}",
        "Devenir {job} ? {recruit_info} {recruit_cta}",
        "Forum des métiers à {place} ce {day} : venez rencontrer nos {job}s.",
    ],
    "institutional": [
        "{inst_event} {inst_where} {inst_with}",
        "Bilan {dept_of} : {stat}.",
        "Important : {account_news}.",
        "{inst_event} {inst_where}. Retour en images.",
    ],
    "community": [
        "{community_local}",
        "{greeting}",
        "Dans les coulisses : {behind}.",
        "Un grand merci {thanks_who} !",
        "Question du jour : {quiz}",
        "{greeting} {community_local}",
    ],
    "other": ["{other_text}.", "{other_text} ({day})."],
}

REPLY_FRAMES: dict[str, list[str]] = {
    "prevention": ["Bonjour, {reply_prev}.", "{reply_prev}.", "Bonjour, {prev_advice}."],
    "appeal_witness": ["Merci, nous transmettons votre témoignage aux enquêteurs."],
    "missing_person": ["Merci pour votre aide, l'info est transmise."],
    "operations": [
        "Nous ne communiquons pas sur les enquêtes en cours, merci de votre compréhension.",
        "Oui, {n} personnes ont été interpellées, l'enquête continue.",
    ],
    "traffic": [
        "La circulation est rétablie {road} depuis {heure}.",
        "Oui, prudence {road} : {weather} signalé ce matin.",
    ],
    "recruitment": [
        "Toutes les infos sur les concours sont sur lapolicenationalerecrute.fr",
        "Oui, pour devenir {job}, le concours est ouvert aux 17-35 ans.",
        "Renseignez-vous au commissariat de {place}, un recruteur vous répondra.",
    ],
    "institutional": [
        "Oui, c'est bien le compte officiel de la DDSP.",
        "La conférence de presse a lieu {inst_where}.",
    ],
    "community": ["{reply_thanks}", "{reply_thanks} {greeting}"],
    "other": ["Bonjour, {reply_other}."],
}

HASHTAGS: dict[str, list[str]] = {
    "prevention": ["#Prévention", "#cambriolage", "#arnaque", "#OTV", "#sécurité"],
    "appeal_witness": ["#AppelATémoins", "#témoins", "#police"],
    "missing_person": ["#disparition", "#AvisDeRecherche", "#RT"],
    "operations": ["#police", "#BAC", "#stupéfiants", "#interpellation"],
    "traffic": ["#SécuritéRoutière", "#InfoRoute", "#BisonFuté", "#prudence"],
    "recruitment": ["#Recrutement", "#PoliceNationale", "#concours", "#emploi"],
    "institutional": ["#PoliceNationale", "#police"],
    "community": ["#police", "#coulisses", "#merci"],
    "other": [],
}

LINKS: dict[str, list[str]] = {
    "prevention": [
        "http://www.interieur.gouv.fr/Actualites/L-actu-du-Ministere/Operation-Tranquillite-Vacances",
        "https://www.internet-signalement.gouv.fr/PortailWeb/planets/Accueil!input.action",
        "http://www.police-nationale.interieur.gouv.fr/Actualites/Conseils-de-prevention",
        "http://www.service-public.fr/particuliers/vosdroits/F34919",
    ],
    "appeal_witness": ["http://www.police-nationale.interieur.gouv.fr/Appels-a-temoins"],
    "missing_person": [
        "http://www.116000enfantsdisparus.fr/",
        "http://www.police-nationale.interieur.gouv.fr/Avis-de-recherche",
    ],
    "operations": ["http://www.police-nationale.interieur.gouv.fr/Actualites/Dans-les-regions"],
    "traffic": ["http://www.bison-fute.gouv.fr/", "http://www.securite-routiere.gouv.fr/"],
    "recruitment": [
        "http://www.lapolicenationalerecrute.fr/",
        "http://www.lapolicenationalerecrute.fr/Concours/Gardien-de-la-paix",
    ],
    "institutional": [
        "http://www.interieur.gouv.fr/Actualites/Communiques",
        "http://www.police-nationale.interieur.gouv.fr/Actualites",
    ],
    "community": [],
    "other": [],
}

#: Account-specific slots: roads, the département's name, local community posts.
_ACCOUNT_SLOTS: dict[str, dict[str, list[str]]] = {
    "44": {
        "road": [
            "sur le périphérique nantais",
            "sur la N165",
            "sur le pont de Saint-Nazaire",
            "sur la N844",
            "sur la route de Pornic",
            "sur l'A11",
        ],
        "dept_of": ["de Loire-Atlantique"],
        "community_local": [
            "Nos motards étaient au stade de la Beaujoire ce week-end",
            "Premier mois du compte : merci à vous tous !",
            "Petite visite des écoliers de {place} au commissariat",
        ],
    },
    "35": {
        "road": [
            "sur la rocade de Rennes",
            "sur la N137",
            "sur la N12",
            "sur la N24",
            "sur la route de Saint-Malo",
        ],
        "dept_of": ["d'Ille-et-Vilaine"],
        "community_local": [
            "Les cadets de {place} en visite à l'hôtel de police",
            "Nos policiers à vélo reprennent leurs patrouilles à {place}",
            "Photo souvenir avec les élèves de {place}",
        ],
    },
    "62": {
        "road": [
            "sur l'A26",
            "sur l'A16",
            "sur la rocade portuaire de Calais",
            "sur l'A1",
            "sur l'A21",
            "sur la N43",
        ],
        "dept_of": ["du Pas-de-Calais"],
        "community_local": [
            "Nos policiers au match du RC Lens ce week-end",
            "Le port de Calais au petit matin, vu par la PAF",
            "Merci aux écoliers de {place} pour leurs dessins",
        ],
    },
    "67": {
        "road": [
            "sur l'A35",
            "sur l'A4",
            "sur la route du Rhin",
            "sur la rocade sud",
            "sur l'A351",
            "sur le pont de l'Europe",
        ],
        "dept_of": ["du Bas-Rhin"],
        "community_local": [
            "Indy, notre chien détecteur d'explosifs, vous souhaite {greeting_lc}",
            "Indy a encore trouvé le colis suspect de l'exercice en {n} minutes",
            "Entraînement d'Indy ce matin à {place} : toujours aussi motivé",
            "Indy a reçu {n2} dessins d'écoliers de {place} !",
            "Vous demandez des nouvelles d'Indy ? Il se repose après sa patrouille",
            "La mascotte Indy a rencontré les enfants de {place}",
            "Indy et son maître-chien au marché de Noël de Strasbourg, en repos",
            "Sieste méritée pour Indy après la visite de la gare de {place}",
        ],
        "greeting_lc": [
            "un bon week-end",
            "une belle journée",
            "un bon dimanche",
            "une bonne semaine",
        ],
    },
    "06": {
        "road": [
            "sur l'A8",
            "sur la Promenade des Anglais",
            "sur la RD6098",
            "sur la voie Mathis",
            "sur la RN202",
            "sur la Croisette",
        ],
        "dept_of": ["des Alpes-Maritimes"],
        "community_local": [
            "Nos policiers au carnaval de Nice, ambiance garantie",
            "La fête du citron de Menton vue par nos équipes",
            "Belle journée sur la Côte : nos patrouilles VTT sont de sortie",
        ],
    },
    "FR": {
        "road": ["sur l'A6", "sur le périphérique parisien", "sur l'A7", "sur l'A10", "sur l'A13"],
        "dept_of": ["en France", "national"],
        "community_local": [
            "Merci pour vos messages depuis le lancement des comptes pilotes",
            "Nos équipes cynophiles en démonstration à {place}",
            "Les 5 comptes pilotes de la Police nationale sont en ligne !",
        ],
    },
}


def account_slots(department: str | None) -> dict[str, list[str]]:
    """The slots specific to a département (``FR``: national account or unknown)."""
    return _ACCOUNT_SLOTS.get(department or "FR", _ACCOUNT_SLOTS["FR"])


#: Invented handles of private persons who write to the French accounts.
PRIVATE_HANDLES = [
    "julie_nts44",
    "un_nantais",
    "marco_reze",
    "ptitlu35",
    "camille_rennes",
    "breizh_seb",
    "nico62lens",
    "ch_arras",
    "lea_calais",
    "max_stras67",
    "elsass_nath",
    "tom_haguenau",
    "sophie06nice",
    "azur_karim",
    "mamie_antibes",
    "jb_cannes",
    "fred_lyon69",
    "mel_paris",
    "kevin_du_44",
    "anais_mlo",
    "yann_foug",
    "cyril_bthune",
    "marie_selest",
    "loulou_menton",
]
