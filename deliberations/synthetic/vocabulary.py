"""The French vocabulary of the synthetic acts, taken from the real documents in
../shared/seeds (headings, objects, exposés, articles, voies de recours)."""

RARE_WORD = "géothermie"  # a narrow search term: one act in RARE_EVERY mentions it

PLACES = [
    ("de l'Artois", "Béthune"), ("de la Lys", "Merville"), ("des Deux Caps", "Marquise"),
    ("de la Vallée de la Scarpe", "Arras"), ("du Ternois", "Saint-Pol-sur-Ternoise"),
    ("des Sept Vallées", "Hesdin"), ("du Haut-Pays", "Fruges"),
    ("du Pays de l'Audomarois", "Saint-Omer"), ("du Montreuillois", "Montreuil-sur-Mer"),
    ("des Campagnes de l'Artois", "Avesnes-le-Comte"), ("d'Osartis-Marquion", "Vitry-en-Artois"),
    ("du Sud-Artois", "Bapaume"), ("de la Terre des Deux Caps", "Wimereux"),
    ("du Pays de Saint-Omer", "Longuenesse"), ("de Flandre Lys", "Estaires"),
    ("du Pays d'Opale", "Guînes"), ("de la Région d'Audruicq", "Audruicq"),
    ("du Boulonnais", "Boulogne-sur-Mer"), ("du Calaisis", "Calais"),
    ("de Desvres-Samer", "Desvres"), ("du Pays de Lumbres", "Lumbres"),
    ("de la Haute Deûle", "Carvin"), ("de l'Ostrevent", "Somain"),
    ("du Cœur d'Ostrevent", "Lewarde"), ("de la Porte des Hauts-de-France", "Avesnes"),
    ("du Douaisis", "Douai"), ("du Val de Sambre", "Maubeuge"),
    ("du Pays de Mormal", "Le Quesnoy"), ("du Caudrésis", "Caudry"),
    ("du Cambrésis", "Cambrai"), ("de la Pévèle", "Orchies"),
    ("des Hauts de Flandre", "Wormhout"), ("de Cœur de Flandre", "Hazebrouck"),
    ("du Pays de Montreuil", "Étaples"), ("de la Canche", "Berck"),
    ("du Liévinois", "Liévin"), ("de l'Authie", "Auxi-le-Château"),
    ("du Val d'Aa", "Fauquembergues"), ("des Collines de l'Artois", "Pernes"),
    ("du Bassin minier", "Bruay-la-Buissière"),
]
COMMUNES = [
    "Béthune", "Bruay-la-Buissière", "Lillers", "Auchel", "Nœux-les-Mines", "Beuvry", "Houdain",
    "Isbergues", "Calonne-Ricouart", "Annezin", "Barlin", "Divion", "Haillicourt",
    "Marles-les-Mines", "Hersin-Coupigny", "Labourse", "Verquin", "Fouquières-lès-Béthune",
    "Vaudricourt", "Gosnay", "Hesdigneul-lès-Béthune", "Chocques", "Labeuvrière", "Lapugnoy",
    "Allouagne", "Burbure", "Ferfay", "Ames", "Amettes", "Auchy-au-Bois", "Lières", "Ecquedecques",
    "Lambres", "Norrent-Fontes", "Mazingarbe", "Sains-en-Gohelle", "Grenay", "Bully-les-Mines",
    "Aix-Noulette", "Vermelles", "Cambrin", "Cuinchy", "Festubert", "Richebourg", "Locon",
    "Hinges", "Essars", "Gonnehem", "Mont-Bernanchon", "Saint-Venant", "Robecq",
    "Calonne-sur-la-Lys", "Hurionville", "Camblain-Châtelain", "Cauchy-à-la-Tour",
    "Camblain-l'Abbé", "Ourton", "Diéval", "Bours", "Marest", "Pernes", "Floringhem", "Valhuon",
    "Tangry", "Sachin", "Fontaine-lès-Hermans", "Rebreuve-Ranchicourt", "Maisnil-lès-Ruitz",
    "Ruitz", "Estrée-Blanche", "Ligny-lès-Aire", "Rely", "Linghem", "Witternesse", "Quernes",
    "Guarbecque", "Busnes", "Saint-Floris", "Haverskerque", "Merville", "Estaires", "La Gorgue",
    "Laventie", "Fleurbaix", "Sailly-sur-la-Lys", "Violaines", "Douvrin", "Haisnes",
    "Billy-Berclau", "Wingles", "Meurchin", "Carvin", "Libercourt", "Oignies", "Courrières",
    "Harnes", "Loison-sous-Lens", "Noyelles-sous-Lens", "Fouquières-lès-Lens",
    "Montigny-en-Gohelle", "Hénin-Beaumont", "Dourges", "Évin-Malmaison", "Courcelles-lès-Lens",
]
LAST_NAMES = [
    "DUPONT", "LEFEBVRE", "MARTIN", "DUBOIS", "LECLERCQ", "DELATTRE", "VASSEUR", "CARON",
    "LEROY", "FOURNIER", "MOREL", "DESCAMPS", "LEMAIRE", "PRUVOST", "DELEPINE", "WAGON",
    "HANNEBIQUE", "COQUELLE", "DUHAMEL", "FROIDURE", "LEGRAND", "DUFOUR", "DEBRUYNE", "DEVOS",
    "VANDAMME", "LEBLANC", "DELBARRE", "DEMARET", "BOUCHEZ", "CORDONNIER", "DELCROIX", "DUQUESNE",
    "FLAMENT", "GHESQUIERE", "HOCHART", "LAMBERT", "LECOMTE", "LEFRANCOIS", "LEMOINE", "LESAGE",
    "MACREZ", "MAHIEU", "MASCLET", "OGIEZ", "PLAYE", "POTEAU", "QUENNESSON", "RICHE", "ROGER",
    "SAINT-MACHIN", "SENECHAL", "TAVERNE", "THERY", "TONNEAU", "VERDIERE", "WALLART", "WILLOT",
    "BEAUCHAMP", "BERTIN", "BLONDEL", "BOULANGER", "BRASSART", "CAUDRELIER", "COPIN", "DACQUIN",
    "DEFRANCE", "DELANNOY", "DELEBARRE", "DELVAL", "DEPREZ", "DERAM", "DESMET", "DEWAELE",
    "DUBRULLE", "DUMONT", "DURIEZ", "FACON", "GAMELIN", "GODIN", "GRESSIER", "HAUTECOEUR",
    "HENNEBELLE", "HERBAUT", "JOLY", "LAGACHE", "LANNOY", "LEBRUN", "LECLERC", "LEDUC",
    "LEFORT", "LEGRIS", "LEPRETRE", "LOUCHART", "MARCHAND", "MERLIN", "NOWAK", "PARENT",
    "PICQUE", "POIRET", "RAMBURE", "SCHMITT", "TAILLIEZ", "TRINEL", "VANHEE", "WAROQUIER",
]
FIRST_NAMES = [
    ("Jean", "M."), ("Sylvie", "Mme"), ("Bernard", "M."), ("Nathalie", "Mme"), ("Olivier", "M."),
    ("Isabelle", "Mme"), ("Philippe", "M."), ("Corinne", "Mme"), ("Alain", "M."),
    ("Maryse", "Mme"), ("Daniel", "M."), ("Brigitte", "Mme"), ("Jacques", "M."),
    ("Martine", "Mme"), ("Pierre", "M."), ("Véronique", "Mme"), ("Thierry", "M."),
    ("Catherine", "Mme"), ("Patrick", "M."), ("Christine", "Mme"), ("Dominique", "M."),
    ("Françoise", "Mme"), ("Jean-Pierre", "M."), ("Marie-Claude", "Mme"), ("Frédéric", "M."),
    ("Valérie", "Mme"), ("Ludovic", "M."), ("Sandrine", "Mme"), ("Hervé", "M."), ("Annick", "Mme"),
    ("Jean-Marc", "M."), ("Laurence", "Mme"), ("Grégory", "M."), ("Karine", "Mme"),
    ("Didier", "M."), ("Séverine", "Mme"), ("Marc", "M."), ("Hélène", "Mme"), ("Raymond", "M."),
    ("Josiane", "Mme"), ("Julien", "M."), ("Aurélie", "Mme"), ("Nicolas", "M."), ("Céline", "Mme"),
]
THEMES = [
    "ADMINISTRATION GÉNÉRALE ET MOYENS GÉNÉRAUX", "FINANCES ET BUDGET",
    "DÉVELOPPEMENT ÉCONOMIQUE, EMPLOI ET TRANSITION NUMÉRIQUE",
    "AMÉNAGEMENT DU TERRITOIRE ET URBANISME", "ENVIRONNEMENT ET CYCLE DE L'EAU",
    "HABITAT ET COHÉSION SOCIALE", "MOBILITÉ ET TRANSPORTS", "CULTURE, SPORT ET TOURISME",
    "RESSOURCES HUMAINES", "CONTRATS DE RELANCE ET DE TRANSITION ÉCOLOGIQUE",
]
# (theme index, @ctes matière, @ctes nature, result, object). Placeholders: {year} the
# session's year, {prev} the year before, {n} a small number, {commune}, {assoc}, {company},
# {equipment}, {amount}, {section}, {parcel}.
SUBJECTS = [
    (1, "7.1", "5", "adopted", "Budget principal {year} : décision modificative n° {n}"),
    (1, "7.1", "5", "adopted", "Budget annexe de l'assainissement : budget primitif {year}"),
    (1, "7.5", "1", "adopted", "Attribution d'une subvention de fonctionnement à l'association "
                               "« {assoc} » de {commune}"),
    (1, "7.8", "1", "adopted", "Fonds de concours à la commune de {commune} pour la rénovation "
                               "{equipment}"),
    (1, "7.3", "5", "adopted", "Emprunt de {amount} euros auprès de la Banque des Territoires pour "
                               "le financement {equipment}"),
    (1, "7.2", "1", "adopted", "Collecte des déchets ménagers : redevance spéciale des "
                               "professionnels pour {year}"),
    (7, "7.10", "1", "adopted", "Fixation des tarifs de la piscine communautaire de {commune} "
                                "pour la saison {year}"),
    (4, "8.3", "4", "adopted", "Convention de partenariat avec la commune de {commune} relative à "
                               "l'entretien des voiries communautaires"),
    (0, "1.1", "4", "adopted", "Marché de travaux de voirie communautaire : avenant n° {n} au "
                               "lot {n}"),
    (6, "1.2", "1", "noted", "Délégation de service public du réseau de transport urbain : "
                             "rapport annuel du délégataire pour {prev}"),
    (4, "8.8", "1", "noted", "Rapport sur le prix et la qualité du service public de l'eau "
                             "potable {prev}"),
    (0, "5.7", "1", "noted", "Rapport d'activités {prev} de la communauté"),
    (0, "5.3", "1", "adopted", "Désignation des représentants de la communauté au sein du "
                               "syndicat mixte des transports"),
    (8, "4.1", "1", "adopted", "Tableau des effectifs : création de {n} postes d'adjoint "
                               "technique territorial"),
    (8, "4.5", "1", "adopted", "Régime indemnitaire tenant compte des fonctions, des sujétions, "
                               "de l'expertise et de l'engagement professionnel : mise à jour"),
    (3, "3.1", "1", "adopted", "Acquisition d'une parcelle cadastrée section {section} n° "
                               "{parcel} à {commune}"),
    (2, "3.2", "1", "adopted", "Cession d'un terrain de la zone d'activités de {commune} à la "
                               "société {company}"),
    (5, "8.5", "1", "adopted", "Programme local de l'habitat : aide à la production de logements "
                               "locatifs sociaux à {commune}"),
    (3, "2.1", "2", "adopted", "Plan local d'urbanisme intercommunal : modification simplifiée "
                               "n° {n}"),
    (2, "7.4", "1", "adopted", "Aide à l'immobilier d'entreprise en faveur de la société "
                               "{company}"),
    (9, "8.4", "4", "adopted", "Contrat de relance et de transition écologique : programmation "
                               "{year}"),
    (4, "8.8", "1", "adopted", "Plan climat-air-énergie territorial : bilan à mi-parcours"),
    (7, "8.9", "4", "adopted", "Conservatoire communautaire : convention avec le Département "
                               "pour l'enseignement artistique"),
    (5, "8.5", "4", "adopted", "Politique de la ville : programmation {year} du contrat de ville"),
    (6, "8.7", "4", "adopted", "Transports scolaires : convention de délégation de compétence "
                               "avec la Région Hauts-de-France"),
    (0, "9.4", "6", "adopted", "Motion de soutien au maintien du service des urgences du centre "
                               "hospitalier de {commune}"),
    (0, "5.8", "1", "adopted", "Décision d'ester en justice devant le tribunal administratif "
                               "de Lille"),
    (2, "8.6", "1", "adopted", "Osons nos Talents {year} : participation de la communauté à "
                               "l'évènement sur les métiers qui recrutent"),
    (7, "8.9", "1", "adopted", "Label Ville d'art et d'histoire : programme d'animation du "
                               "patrimoine {year}"),
]
RARE_SUBJECT = (4, "8.8", "1", "adopted", "Réseau de chaleur : étude de faisabilité d'une "
                                          f"centrale de {RARE_WORD} à {{commune}}")
ASSOCIATIONS = ["Solidarités", "Les Restos du Cœur", "Artois Emploi Entreprise",
                "Initiative Artois", "Mission locale de l'Artois", "Les Amis du patrimoine",
                "Maison de l'emploi", "Espace Info Énergie", "Harmonie municipale",
                "Club de football", "Secours populaire", "Terres en Mêlées"]
COMPANIES = ["Artois Logistique", "Nord Métal", "Les Ateliers de la Lys", "Biocarb",
             "Transports Delattre", "Boulangerie industrielle du Nord", "Flandre Plast",
             "Opale Numérique", "Ets Caron et fils", "Menuiseries du Ternois"]
EQUIPMENTS = ["de la salle des sports", "du groupe scolaire", "de la médiathèque",
              "de l'école de musique", "du centre aquatique", "de la maison de santé",
              "du stade municipal", "de l'église Saint-Vaast", "de la halle couverte"]
REPORT_SENTENCES = [
    "Monsieur le Président expose à l'Assemblée que la communauté d'agglomération exerce "
    "cette compétence depuis le 1er janvier 2017.",
    "Il convient d'en préciser les modalités pour l'exercice en cours.",
    "Les crédits nécessaires sont inscrits au budget principal, chapitre 65.",
    "La commission thématique a émis un avis favorable lors de sa réunion préparatoire.",
    "Les communes membres ont été associées à la démarche et leurs observations ont été "
    "intégrées au projet soumis à l'Assemblée.",
    "Le rapport présenté en commission détaille les indicateurs techniques et financiers de "
    "l'année écoulée ; il est tenu à la disposition du public au siège.",
    "Le projet de territoire 2022-2032 fixe comme priorité la transition écologique et "
    "l'attractivité économique du territoire.",
    "Le Pôle Métropolitain de l'Artois accompagne la démarche au titre de ses compétences en "
    "matière de développement économique et d'enseignement supérieur.",
    "Vu le Code Général des Collectivités Territoriales et notamment ses articles L5211-1 et "
    "L5216-5.",
    "Vu les statuts de la communauté d'agglomération.",
    "Vu la délibération du Conseil communautaire portant délégation d'attributions au Bureau.",
    "Considérant l'intérêt communautaire de l'opération.",
    "Le plan de financement prévisionnel fait apparaître une participation de l'État au titre "
    "de la dotation de soutien à l'investissement local.",
    "La consultation a été lancée selon la procédure adaptée et la commission d'appel d'offres "
    "s'est réunie pour examiner les offres reçues.",
    "Le montant de l'avenant n'excède pas quinze pour cent du montant initial du marché.",
    "Le comité de pilotage a validé les orientations proposées par le bureau d'études.",
    "Les habitants ont été consultés lors de réunions publiques organisées dans les communes.",
    "La démarche s'inscrit dans le contrat de relance et de transition écologique signé avec "
    "l'État.",
    "Le service public d'assainissement collectif dessert l'ensemble des communes du territoire.",
    "Le délégataire a remis son rapport annuel comprenant les comptes retraçant la totalité "
    "des opérations afférentes à l'exécution de la délégation.",
    "Un bilan sera présenté à l'Assemblée à l'issue de la première année de mise en œuvre.",
    "La convention est conclue pour une durée de trois ans renouvelable une fois par "
    "reconduction expresse.",
    "Les agents concernés relèvent du cadre d'emplois des adjoints techniques territoriaux.",
    "Le comité social territorial a été consulté et a rendu un avis favorable.",
    "France Domaine a estimé la valeur vénale du bien au prix proposé.",
    "L'entreprise s'engage à créer des emplois sur le site dans un délai de trois ans.",
    "Les données de fréquentation de l'équipement communautaire confirment la hausse observée "
    "depuis la réouverture.",
    "Il est proposé à l'Assemblée d'adopter les dispositions exposées ci-dessus.",
]
DECISION_ARTICLES = [
    "APPROUVE les dispositions exposées ci-dessus.",
    "AUTORISE le Président ou son représentant à signer tout document s'y rapportant.",
    "DIT que les crédits sont inscrits au budget de l'exercice.",
    "PRÉCISE que la présente délibération sera notifiée aux communes membres.",
    "ADOPTE le plan de financement prévisionnel annexé.",
    "SOLLICITE les subventions correspondantes auprès de l'État, de la Région et du "
    "Département.",
    "DÉSIGNE les représentants de la communauté dans les conditions exposées.",
]
NOTED_ARTICLE = "PREND ACTE de la présentation du rapport."
APPEAL_CLAUSE = (
    "INFORME que cette délibération peut faire l'objet d'un recours gracieux par saisine de "
    "son auteur ou d'un recours contentieux devant le tribunal administratif de Lille, dans un "
    "délai de deux mois à compter de sa publication au recueil des actes administratifs de la "
    "collectivité."
)
PLACES_OF_SESSIONS = ["Hôtel communautaire", "Salle du conseil", "Espace culturel",
                      "Salle des fêtes de {commune}"]
UNANIMOUS = "A l'unanimité"
MAJORITY = "A la majorité des suffrages exprimés"
