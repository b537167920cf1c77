import type { Rng } from "./random";

type City = readonly [name: string, postalCodes: readonly string[] | null, streets: readonly string[]];

type Country = {
  callingCode: string;
  /** National mobile numbers: digits, `#` any digit, `[a-b]` a digit in range. */
  mobile: readonly string[];
  /** How the national number is grouped when written out. */
  groups: readonly number[];
  /** Written nationally with a leading 0 (079 …, 07700 …). */
  hasTrunkZero: boolean;
  cities: readonly City[];
  /** "12 Rue …" rather than "Rue … 12". */
  isNumberFirst: boolean;
};

export const COUNTRIES = {
  CH: { callingCode: "41", mobile: ["7[5-9]#######"], groups: [2, 3, 2, 2], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["Genève", ["1204", "1205", "1206", "1208"], ["Rue du Rhône", "Quai Gustave-Ador", "Route de Florissant", "Avenue de Champel", "Rue de la Corraterie"]],
    ["Cologny", ["1223"], ["Chemin des Crêts", "Route de la Capite"]],
    ["Lausanne", ["1003", "1006"], ["Avenue de Rhodanie", "Chemin de Montolivet"]],
    ["Zürich", ["8001", "8002", "8008"], ["Bahnhofstrasse", "Seefeldstrasse", "Zollikerstrasse"]],
    ["Gstaad", ["3780"], ["Promenade", "Oberbortstrasse"]],
    ["Basel", ["4051"], ["St. Alban-Vorstadt", "Rittergasse"]],
  ] },
  GB: { callingCode: "44", mobile: ["7[1-9]########"], groups: [4, 6], hasTrunkZero: true, isNumberFirst: true, cities: [
    ["London", ["W1K 2AB", "SW1X 8LA", "SW3 2EL", "NW3 6XJ", "W8 4PL", "SW7 5HD"], ["Chester Square", "Cadogan Place", "Holland Park Avenue", "Hampstead Lane", "Eaton Terrace", "Kensington Park Road"]],
    ["Edinburgh", ["EH3 6AT"], ["Heriot Row", "Moray Place"]],
    ["Manchester", ["M3 3HF"], ["Deansgate", "St John Street"]],
    ["Oxford", ["OX2 6HG"], ["Banbury Road", "Norham Gardens"]],
  ] },
  US: { callingCode: "1", mobile: ["212[2-9]######", "646[2-9]######", "917[2-9]######", "718[2-9]######", "203[2-9]######", "305[2-9]######", "310[2-9]######"], groups: [3, 3, 4], hasTrunkZero: false, isNumberFirst: true, cities: [
    ["New York", ["10021", "10065", "10013", "10024", "10128"], ["Park Avenue", "Fifth Avenue", "East 72nd Street", "Central Park West", "Greenwich Street"]],
    ["Brooklyn", ["11201"], ["Columbia Heights", "Remsen Street"]],
    ["Greenwich", ["06830"], ["Round Hill Road", "Field Point Road"]],
    ["Miami Beach", ["33139"], ["Ocean Drive", "Collins Avenue"]],
    ["Los Angeles", ["90210"], ["North Canon Drive", "Benedict Canyon Drive"]],
  ] },
  AE: { callingCode: "971", mobile: ["5[0-8]#######"], groups: [2, 3, 4], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["Dubai", null, ["Emirates Hills, Villa", "Jumeirah Beach Road, Villa", "Downtown Dubai, Apt", "Palm Jumeirah, Frond", "Dubai Marina, Apt"]],
    ["Abu Dhabi", null, ["Al Bateen, Villa", "Saadiyat Island, Villa", "Al Reem Island, Apt"]],
  ] },
  FR: { callingCode: "33", mobile: ["6########", "7[3-9]#######"], groups: [1, 2, 2, 2, 2], hasTrunkZero: true, isNumberFirst: true, cities: [
    ["Paris", ["75008", "75016", "75007", "75006"], ["avenue Montaigne", "rue du Faubourg Saint-Honoré", "boulevard Haussmann", "quai d'Orsay", "rue de Grenelle"]],
    ["Lyon", ["69002"], ["rue de la République", "quai Saint-Antoine"]],
    ["Nice", ["06000"], ["promenade des Anglais", "boulevard Victor Hugo"]],
    ["Annecy", ["74000"], ["avenue d'Albigny", "rue Royale"]],
  ] },
  IT: { callingCode: "39", mobile: ["3[2-9]########"], groups: [3, 3, 4], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Milano", ["20121", "20123"], ["Via Montenapoleone", "Via della Spiga", "Corso Venezia", "Via Borgonuovo"]],
    ["Roma", ["00187"], ["Via Condotti", "Via Veneto"]],
    ["Como", ["22100"], ["Via Borgo Vico", "Lungo Lario Trento"]],
  ] },
  DE: { callingCode: "49", mobile: ["15[1-9]########", "17[0-9]########"], groups: [3, 8], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["München", ["80331", "80539"], ["Maximilianstraße", "Prinzregentenstraße"]],
    ["Hamburg", ["20354"], ["Neuer Wall", "Elbchaussee"]],
    ["Berlin", ["10719"], ["Kurfürstendamm", "Fasanenstraße"]],
    ["Düsseldorf", ["40212"], ["Königsallee", "Cecilienallee"]],
    ["Frankfurt am Main", ["60323"], ["Goethestraße", "Bockenheimer Landstraße"]],
  ] },
  SE: { callingCode: "46", mobile: ["7[02369]#######"], groups: [2, 3, 2, 2], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["Stockholm", ["114 35", "114 56"], ["Strandvägen", "Birger Jarlsgatan", "Karlavägen"]],
    ["Göteborg", ["411 36"], ["Kungsportsavenyen", "Vasagatan"]],
  ] },
  NO: { callingCode: "47", mobile: ["4#######", "9#######"], groups: [3, 2, 3], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Oslo", ["0257", "0264"], ["Bygdøy allé", "Frognerveien", "Holmenkollveien"]],
    ["Bergen", ["5003"], ["Bryggen", "Kalfarveien"]],
  ] },
  DK: { callingCode: "45", mobile: ["[2-6]#######"], groups: [2, 2, 2, 2], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["København", ["1050", "2100"], ["Strandvejen", "Store Kongensgade", "Amaliegade"]],
  ] },
  ES: { callingCode: "34", mobile: ["6########"], groups: [3, 3, 3], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Madrid", ["28001", "28006"], ["Calle de Serrano", "Calle de Velázquez"]],
    ["Barcelona", ["08008"], ["Passeig de Gràcia", "Rambla de Catalunya"]],
    ["Marbella", ["29602"], ["Avenida Ricardo Soriano", "Calle Camilo José Cela"]],
  ] },
  MX: { callingCode: "52", mobile: ["55########", "81########"], groups: [2, 4, 4], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Ciudad de México", ["11000", "11560"], ["Avenida Presidente Masaryk", "Paseo de la Reforma"]],
    ["Monterrey", ["66220"], ["Calzada del Valle", "Avenida Vasconcelos"]],
  ] },
  CN: { callingCode: "86", mobile: ["1[3-9]#########"], groups: [3, 4, 4], hasTrunkZero: false, isNumberFirst: true, cities: [
    ["Shanghai", ["200040"], ["Huaihai Road", "Nanjing West Road"]],
    ["Beijing", ["100027"], ["Jianguomen Avenue", "Sanlitun Road"]],
    ["Shenzhen", ["518048"], ["Shennan Boulevard", "Houhai Avenue"]],
  ] },
  HK: { callingCode: "852", mobile: ["[569]#######"], groups: [4, 4], hasTrunkZero: false, isNumberFirst: true, cities: [
    ["Hong Kong", null, ["Repulse Bay Road", "Conduit Road", "Peak Road"]],
  ] },
  SG: { callingCode: "65", mobile: ["[89]#######"], groups: [4, 4], hasTrunkZero: false, isNumberFirst: true, cities: [
    ["Singapore", ["238859", "259569"], ["Orchard Road", "Nassim Road", "Cluny Park Road"]],
  ] },
  JP: { callingCode: "81", mobile: ["[789]0########"], groups: [2, 4, 4], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["Tokyo", ["107-0062", "106-0032"], ["Minami-Aoyama", "Roppongi", "Hiroo"]],
    ["Osaka", ["530-0001"], ["Umeda", "Kitahama"]],
  ] },
  KR: { callingCode: "82", mobile: ["10########"], groups: [2, 4, 4], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["Seoul", ["06014", "04349"], ["Apgujeong-ro", "Cheongdam-dong", "Itaewon-ro"]],
  ] },
  IN: { callingCode: "91", mobile: ["[6-9]#########"], groups: [5, 5], hasTrunkZero: false, isNumberFirst: true, cities: [
    ["Mumbai", ["400001", "400026"], ["Marine Drive", "Altamount Road"]],
    ["New Delhi", ["110003"], ["Prithviraj Road", "Amrita Shergill Marg"]],
    ["Bengaluru", ["560001"], ["Lavelle Road", "Palace Road"]],
  ] },
  SA: { callingCode: "966", mobile: ["5########"], groups: [2, 3, 4], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["Riyadh", ["12211"], ["King Fahd Road", "Prince Sultan Road"]],
    ["Jeddah", ["23435"], ["Tahlia Street", "Corniche Road"]],
  ] },
  QA: { callingCode: "974", mobile: ["[3-7]#######"], groups: [4, 4], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Doha", null, ["The Pearl, Porto Arabia", "West Bay, Tower", "Al Waab Street"]],
  ] },
  KW: { callingCode: "965", mobile: ["[569]#######"], groups: [4, 4], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Kuwait City", null, ["Gulf Road", "Arabian Gulf Street"]],
  ] },
  LB: { callingCode: "961", mobile: ["3######", "7[0169]######"], groups: [2, 3, 3], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["Beirut", ["2066"], ["Rue Gouraud", "Avenue de Paris", "Rue Abdel Wahab El Inglizi"]],
  ] },
  RU: { callingCode: "7", mobile: ["9#########"], groups: [3, 3, 2, 2], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Moskva", ["119019", "123001"], ["Ostozhenka", "Tverskaya"]],
    ["Sankt-Peterburg", ["191186"], ["Nevsky Prospekt", "Kamennoostrovsky Prospekt"]],
  ] },
  PL: { callingCode: "48", mobile: ["[5-8]########"], groups: [3, 3, 3], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Warszawa", ["00-001", "00-496"], ["ulica Mokotowska", "Aleje Ujazdowskie"]],
    ["Kraków", ["31-042"], ["ulica Floriańska", "ulica Kanonicza"]],
  ] },
  CZ: { callingCode: "420", mobile: ["[67]########"], groups: [3, 3, 3], hasTrunkZero: false, isNumberFirst: false, cities: [
    ["Praha", ["110 00", "120 00"], ["Pařížská", "Na Příkopě", "Vinohradská"]],
    ["Brno", ["602 00"], ["Masarykova", "Údolní"]],
  ] },
  TR: { callingCode: "90", mobile: ["5[0-5]########"], groups: [3, 3, 2, 2], hasTrunkZero: true, isNumberFirst: false, cities: [
    ["İstanbul", ["34367", "34330"], ["Abdi İpekçi Caddesi", "Bağdat Caddesi"]],
    ["Ankara", ["06680"], ["Tunalı Hilmi Caddesi", "Atatürk Bulvarı"]],
  ] },
} satisfies Record<string, Country>;

export type CountryCode = keyof typeof COUNTRIES;

function fillPattern(rng: Rng, pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "#") out += String(rng.int(0, 9));
    else if (ch === "[") {
      const close = pattern.indexOf("]", i);
      const spec = pattern.slice(i + 1, close);
      const choices = spec.includes("-") ? range(spec) : spec.split("");
      out += rng.pick(choices);
      i = close;
    } else out += ch;
  }
  return out;
}

function range(spec: string): string[] {
  const [from, to] = spec.split("-").map(Number);
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

function group(digits: string, sizes: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) parts[parts.length - 1] += digits.slice(at);
  return parts.join(" ");
}

/** A mobile number as a client might have typed it, and its E.164 form. */
export function mobileNumber(rng: Rng, code: CountryCode): { display: string; e164: string } {
  const country: Country = COUNTRIES[code];
  const national = fillPattern(rng, rng.pick(country.mobile));
  const e164 = `+${country.callingCode}${national}`;
  let display: string;
  if (code === "US") {
    display = rng.chance(0.6)
      ? `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`
      : `+1 ${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
  } else if (country.hasTrunkZero && rng.chance(0.5)) {
    const grouped = group(national, country.groups);
    display = `0${grouped}`;
  } else {
    display = `+${country.callingCode} ${group(national, country.groups)}`;
  }
  return { display, e164 };
}

export function postalAddress(rng: Rng, code: CountryCode): { line: string; city: string; postalCode: string | null } {
  const country: Country = COUNTRIES[code];
  const [city, postalCodes, streets] = rng.pick(country.cities);
  const street = rng.pick(streets);
  const number = String(rng.int(1, 180));
  return {
    line: country.isNumberFirst ? `${number} ${street}` : `${street} ${number}`,
    city,
    postalCode: postalCodes ? rng.pick(postalCodes) : null,
  };
}
