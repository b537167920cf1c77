import { fake as clover } from "../clover/fake";
import { fake as lightspeedR } from "../lightspeed-r/fake";
import { fake as lightspeedX } from "../lightspeed-x/fake";
import { fake as shopify } from "../shopify/fake";
import { fake as square } from "../square/fake";
import type { FakePlatform } from "./types";

/** Every platform the fake POS speaks, each under `/<provider>/…`. */
export const fakePlatforms: FakePlatform[] = [shopify, square, lightspeedX, lightspeedR, clover];
