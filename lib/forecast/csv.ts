/**
 * The series CSV of `forecast:evaluate` (DESIGN.md): first column `period`, every other column one
 * series headed by its id; an empty cell (or NA) is missing and becomes NaN, which every method treats
 * like a censored period.
 */
export type CsvSeries = { id: string; values: number[]; censored: boolean[] | undefined };

export function parseSeriesCsv(text: string): CsvSeries[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length < 2) throw new Error("the CSV needs a header and at least one period");
  const header = lines[0].split(",").map((cell) => cell.trim().replace(/^"(.*)"$/, "$1"));
  if (header[0] !== "period") throw new Error(`the first column must be "period", got "${header[0]}"`);
  const rows = lines.slice(1).map((line) => line.split(","));
  return header.slice(1).map((id, column) => {
    const values = rows.map((row, r) => {
      const cell = (row[column + 1] ?? "").trim();
      if (cell === "" || cell.toUpperCase() === "NA") return Number.NaN;
      const value = Number(cell);
      if (!Number.isFinite(value)) throw new Error(`series ${id}, line ${r + 2}: "${cell}" is not a number`);
      return value;
    });
    return { id, values, censored: undefined };
  });
}
