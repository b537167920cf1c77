import type { CountryCode } from "./places";

/** Where a client's name comes from; drives language, country of residence and surname forms. */
export type Origin = {
  female: readonly string[];
  male: readonly string[];
  last: readonly string[];
  /** Countries people of this origin live in, when they don't live where the store is. */
  countries: readonly (readonly [CountryCode, number])[];
  language: string;
  /** Slavic surnames take a feminine form (Volkov → Volkova). */
  hasFeminineSurnames?: boolean;
};

export const ORIGINS = {
  swissFrench: {
    female: ["Élodie", "Léa", "Aurélie", "Chloé", "Gaëlle", "Céline", "Anaïs", "Noémie", "Maëlle", "Joëlle"],
    male: ["Noël", "Mathieu", "Thibault", "Jérôme", "Sébastien", "Loïc", "Valentin", "Raphaël", "Cédric", "Frédéric"],
    last: ["Rochat", "Favre", "Bonvin", "Perrin", "Mercier", "Jaquet", "Pasche", "Cuénod", "Béguin", "Délèze", "Zufferey", "Berthoud", "Chappuis", "Vuilleumier"],
    countries: [["CH", 1]],
    language: "fr",
  },
  german: {
    female: ["Anna", "Sophie", "Katrin", "Lena", "Hannah", "Ursula", "Jana", "Franziska", "Mareike", "Greta"],
    male: ["Lukas", "Jürgen", "Matthias", "Stefan", "Maximilian", "Jörg", "Florian", "Tobias", "Günter", "Felix"],
    last: ["Müller", "Schneider", "Brändli", "Keller", "Hofstetter", "Weiß", "Schäfer", "Fischer", "Vögeli", "Zürcher", "Baumann", "Köhler", "Krüger", "Großmann"],
    countries: [["DE", 3], ["CH", 2]],
    language: "de",
  },
  nordic: {
    female: ["Astrid", "Ingrid", "Linnéa", "Freja", "Sigrid", "Maja", "Solveig", "Ebba"],
    male: ["Søren", "Øystein", "Mikael", "Björn", "Lars", "Anders", "Henrik", "Magnus"],
    last: ["Lindqvist", "Øberg", "Johansson", "Nyström", "Håkansson", "Sørensen", "Bergström", "Åkesson", "Dahl", "Eriksen", "Lundgren"],
    countries: [["SE", 3], ["NO", 2], ["DK", 2]],
    language: "sv",
  },
  french: {
    female: ["Amélie", "Hélène", "Béatrice", "Inès", "Joséphine", "Clémence", "Héloïse", "Solène", "Zoë", "Françoise"],
    male: ["François", "Étienne", "Grégoire", "Clément", "Benoît", "Aurélien", "Édouard", "Hugues", "Rémi", "Adrien"],
    last: ["Moreau", "Laurent", "Girard", "Fontaine", "Chevalier", "Lambert", "Rousseau", "Bérard", "Fournier", "Dupré", "Lefèbvre", "Marchand"],
    countries: [["FR", 1]],
    language: "fr",
  },
  italian: {
    female: ["Giulia", "Francesca", "Chiara", "Beatrice", "Ludovica", "Alessia", "Martina", "Vittoria"],
    male: ["Alessandro", "Matteo", "Lorenzo", "Niccolò", "Federico", "Tommaso", "Andrea", "Riccardo"],
    last: ["Rossi", "Bernasconi", "Colombo", "Ferrari", "Esposito", "Ricci", "De Luca", "Conti", "Marchetti", "Galli", "Sforza", "Bianchi"],
    countries: [["IT", 4], ["CH", 1]],
    language: "it",
  },
  hispanic: {
    female: ["María", "Lucía", "Sofía", "Ximena", "Valentina", "Inés", "Mónica", "Begoña"],
    male: ["José", "Álvaro", "Íñigo", "Andrés", "Mateo", "Joaquín", "Sebastián", "Julián"],
    last: ["García", "Núñez", "Fernández", "Martínez", "López", "Ibáñez", "Peña", "Ortega", "Castillo", "Muñoz", "Echeverría"],
    countries: [["ES", 2], ["MX", 2], ["US", 1]],
    language: "es",
  },
  british: {
    female: ["Charlotte", "Amelia", "Isla", "Imogen", "Tabitha", "Siobhán", "Harriet", "Eleanor", "Georgina", "Niamh"],
    male: ["Oliver", "Harry", "George", "Hugo", "Rupert", "Ciarán", "Alistair", "Edward", "Fergus", "Jack"],
    last: ["Smith", "Whitmore", "Ashworth", "Pemberton", "Clarke", "Hughes", "O'Sullivan", "Fitzgerald", "Barrington", "Hargreaves", "Llewellyn", "Thornton", "Cavendish"],
    countries: [["GB", 1]],
    language: "en",
  },
  american: {
    female: ["Emily", "Madison", "Olivia", "Ava", "Harper", "Abigail", "Caroline", "Lauren", "Hannah", "Brooke"],
    male: ["James", "Michael", "Christopher", "Ethan", "Daniel", "Tyler", "Benjamin", "Ryan", "Nathan", "Jonathan"],
    last: ["Johnson", "Williams", "Anderson", "Goldberg", "Rosenthal", "Kaplan", "Carter", "Whitney", "Sullivan", "Brooks", "Callahan", "Morgan", "Feldman"],
    countries: [["US", 1]],
    language: "en",
  },
  chinese: {
    female: ["Mei", "Xiaoling", "Yan", "Lin", "Jing", "Xue"],
    male: ["Wei", "Jun", "Hao", "Zhen", "Tao", "Yong"],
    last: ["Wang", "Li", "Zhang", "Chen", "Liu", "Huang", "Zhou", "Lam", "Wong", "Chan", "Ng"],
    countries: [["CN", 3], ["HK", 2], ["SG", 1]],
    language: "zh",
  },
  japanese: {
    female: ["Yui", "Hina", "Aoi", "Sakura", "Haruka", "Mio"],
    male: ["Haruto", "Sota", "Ren", "Kenji", "Takumi", "Daiki"],
    last: ["Sato", "Suzuki", "Takahashi", "Watanabe", "Ito", "Nakamura", "Kobayashi", "Yamamoto", "Inoue"],
    countries: [["JP", 1]],
    language: "ja",
  },
  korean: {
    female: ["Seo-yeon", "Ha-eun", "Ji-woo", "Min-seo"],
    male: ["Min-jun", "Ji-ho", "Seo-jun", "Do-yun"],
    last: ["Kim", "Park", "Choi", "Jung", "Kang", "Yoon"],
    countries: [["KR", 1]],
    language: "ko",
  },
  indian: {
    female: ["Priya", "Ananya", "Kavya", "Meera", "Isha", "Aditi", "Nandini", "Riya"],
    male: ["Arjun", "Rohan", "Vikram", "Aditya", "Rahul", "Karan", "Siddharth", "Nikhil"],
    last: ["Sharma", "Patel", "Kapoor", "Mehta", "Reddy", "Iyer", "Malhotra", "Banerjee", "Nair", "Chopra", "Desai"],
    countries: [["IN", 3], ["AE", 1], ["GB", 1]],
    language: "en",
  },
  gulf: {
    female: ["Fatima", "Aisha", "Mariam", "Noura", "Hessa", "Latifa", "Layla", "Reem", "Shamma"],
    male: ["Mohammed", "Khalid", "Omar", "Saeed", "Rashid", "Sultan", "Hamdan", "Youssef", "Faisal"],
    last: ["Al Mansoori", "Al Nuaimi", "Al Falasi", "Al Suwaidi", "Al Hashimi", "Al Ketbi", "Al Shamsi", "Al Zaabi", "Haddad", "Khoury", "Nassar", "Saleh"],
    countries: [["AE", 4], ["SA", 2], ["QA", 1], ["KW", 1], ["LB", 1]],
    language: "ar",
  },
  russian: {
    female: ["Anastasia", "Ekaterina", "Natalia", "Olga", "Daria", "Polina"],
    male: ["Dmitri", "Alexei", "Sergei", "Ivan", "Mikhail", "Nikolai"],
    last: ["Volkov", "Petrov", "Smirnov", "Sokolov", "Orlov", "Kuznetsov", "Morozov", "Lebedev"],
    countries: [["RU", 2], ["AE", 1], ["CH", 1]],
    language: "ru",
    hasFeminineSurnames: true,
  },
  centralEuropean: {
    female: ["Agnieszka", "Kateřina", "Zuzana", "Małgorzata", "Eliška", "Ágnes"],
    male: ["Łukasz", "Tomáš", "Mateusz", "Wojciech", "Jiří", "Bálint"],
    last: ["Nowak", "Dvořák", "Novák", "Kowalczyk", "Horváth", "Mazur", "Procházka", "Szabó"],
    countries: [["PL", 2], ["CZ", 2]],
    language: "pl",
  },
  turkish: {
    female: ["Elif", "Zeynep", "Ayşe", "Defne"],
    male: ["Emre", "Mert", "Can", "Oğuz"],
    last: ["Yılmaz", "Şahin", "Çelik", "Öztürk", "Aydın", "Koç"],
    countries: [["TR", 1]],
    language: "tr",
  },
} satisfies Record<string, Origin>;

export type OriginKey = keyof typeof ORIGINS;

export function surnameFor(origin: Origin, surname: string, isFemale: boolean): string {
  return isFemale && origin.hasFeminineSurnames && /(ov|ev|in)$/.test(surname) ? `${surname}a` : surname;
}

const FOLD: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ı: "i", þ: "th" };

/** "Søren Øberg" → "soren", "oberg": the ASCII a mailbox name is typed with. */
export function asciiFold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[øæœßłđıþ]/g, (ch) => FOLD[ch])
    .replace(/[^a-z0-9]/g, "");
}
