/**
 * How a piece is named in a draft: "Castellane Solène Quartz", not "Castellane Castellane Solène
 * Quartz" when the catalogue's name already starts with the brand.
 */
export function pieceName(piece: { brand: string; name: string }): string {
  const brand = piece.brand.trim();
  return brand && !piece.name.toLowerCase().startsWith(brand.toLowerCase()) ? `${brand} ${piece.name}` : piece.name;
}
