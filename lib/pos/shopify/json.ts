import { isLosslessNumber, isSafeNumber, parse } from "lossless-json";

const ID_KEY = /(?:^|_)id$/;
const ID_LIST_KEY = /_ids$/;

function numberToKeep(key: string, value: string): string | number {
  if (ID_KEY.test(key)) return value;
  return isSafeNumber(value) ? Number(value) : value;
}

/**
 * Parses Shopify JSON without losing digits: Shopify's numeric ids pass 2^53, and `JSON.parse` rounds
 * them before any reviver sees them. Every id (`id`, `*_id`, `*_ids`) comes back as a string, whatever
 * its size, so code downstream never meets the same id as both a number and a string; any other number
 * that a double cannot hold exactly is kept as its string too. Throws SyntaxError on invalid JSON and
 * on a key repeated with different values.
 */
export function parseShopifyJson(text: string): unknown {
  return parse(text, (key, value) => {
    if (isLosslessNumber(value)) return numberToKeep(key, value.value);
    if (ID_LIST_KEY.test(key) && Array.isArray(value)) {
      return value.map((item: unknown) => (typeof item === "number" ? String(item) : item));
    }
    return value;
  });
}
