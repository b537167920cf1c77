CREATE TABLE "demand_snapshots" (
	"as_of" date NOT NULL,
	"store_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"units" integer NOT NULL,
	CONSTRAINT "demand_snapshots_as_of_store_id_product_id_pk" PRIMARY KEY("as_of","store_id","product_id")
);
