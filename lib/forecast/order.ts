/**
 * How much to order, and why. Reorder-point policy with an order-up-to level:
 *   position = on hand + on order − reserved
 *   nothing is ordered while position ≥ reorder point;
 *   otherwise order up to  reorder point + weekly rate × weeks-of-cover target,
 *   rounded up to whole packs, then raised to the minimum order quantity (itself in whole packs).
 * A zero forecast never orders for future demand; it orders only to cover a negative position
 * (reservations beyond stock), which the explanation names. Margin does not change the quantity of a
 * needed order; it is reported, and a non-positive margin is flagged for the buyer.
 */
export type OrderInput = {
  onHand: number;
  onOrder: number;
  reserved: number;
  reorderPoint: number;
  /** Forecast demand per week. */
  weeklyRate: number;
  /** Weeks of demand to hold beyond the reorder point after the order arrives; default 0. */
  weeksOfCover?: number;
  /** Units per pack (orders are whole packs); default 1. */
  packSize?: number;
  /** Minimum order quantity in units; default 0. */
  minimumOrder?: number;
  unitCost?: number;
  unitPrice?: number;
};

export type OrderFlag =
  /** The pack or minimum pushed the quantity above what the target needed. */
  | "rounded_up_for_pack"
  | "raised_to_minimum"
  /** The order only covers reservations beyond stock: the forecast itself is zero. */
  | "covers_reservations_only"
  | "non_positive_margin";

export type OrderExplanation = {
  position: number;
  reorderPoint: number;
  isBelowReorderPoint: boolean;
  /** reorder point + weekly rate × weeks of cover. */
  orderUpTo: number;
  /** orderUpTo − position before rounding (0 when nothing is needed). */
  needed: number;
  packSize: number;
  minimumOrder: number;
  quantity: number;
  positionAfter: number;
  /** Weeks the position after the order lasts at the forecast rate; null at a zero rate. */
  weeksOfCoverAfter: number | null;
  orderCost: number | null;
  expectedRevenue: number | null;
  expectedMargin: number | null;
  flags: OrderFlag[];
};

export type OrderRecommendation = { quantity: number; explanation: OrderExplanation };

function nonNegative(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  return value;
}

export function orderQuantity(input: OrderInput): OrderRecommendation {
  const packSize = input.packSize ?? 1;
  if (!(Number.isInteger(packSize) && packSize >= 1)) throw new RangeError(`packSize must be a positive integer, got ${packSize}`);
  const minimumOrder = nonNegative("minimumOrder", input.minimumOrder ?? 0);
  const reorderPoint = nonNegative("reorderPoint", input.reorderPoint);
  const weeklyRate = nonNegative("weeklyRate", input.weeklyRate);
  const weeksOfCover = nonNegative("weeksOfCover", input.weeksOfCover ?? 0);
  const position = input.onHand + input.onOrder - input.reserved;
  if (!Number.isFinite(position)) throw new RangeError("onHand, onOrder and reserved must be finite numbers");

  const flags: OrderFlag[] = [];
  const isBelowReorderPoint = position < reorderPoint;
  const orderUpTo = reorderPoint + weeklyRate * weeksOfCover;
  const needed = isBelowReorderPoint ? Math.max(0, orderUpTo - position) : 0;
  let quantity = 0;
  if (needed > 0) {
    const wholeNeeded = Math.ceil(needed - 1e-9);
    quantity = Math.ceil(wholeNeeded / packSize) * packSize;
    if (quantity > wholeNeeded) flags.push("rounded_up_for_pack");
    const minimumInPacks = Math.ceil(minimumOrder / packSize) * packSize;
    if (quantity < minimumInPacks) {
      quantity = minimumInPacks;
      flags.push("raised_to_minimum");
    }
    if (weeklyRate === 0 && reorderPoint === 0) flags.push("covers_reservations_only");
  }
  const margin = input.unitCost !== undefined && input.unitPrice !== undefined ? input.unitPrice - input.unitCost : null;
  if (quantity > 0 && margin !== null && margin <= 0) flags.push("non_positive_margin");
  const positionAfter = position + quantity;
  return {
    quantity,
    explanation: {
      position,
      reorderPoint,
      isBelowReorderPoint,
      orderUpTo,
      needed,
      packSize,
      minimumOrder,
      quantity,
      positionAfter,
      weeksOfCoverAfter: weeklyRate > 0 ? Math.max(0, positionAfter) / weeklyRate : null,
      orderCost: input.unitCost === undefined ? null : quantity * input.unitCost,
      expectedRevenue: input.unitPrice === undefined ? null : quantity * input.unitPrice,
      expectedMargin: margin === null ? null : quantity * margin,
      flags,
    },
  };
}
