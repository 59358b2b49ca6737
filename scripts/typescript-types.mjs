// TypeScript types for openapi.yaml with openapi-typescript's Node API (pinned in package.json).
// Usage: node scripts/typescript-types.mjs [OUTPUT]   (default: tests/typescript/generated/schema.d.ts)
//
// One option on top of the defaults, the transform openapi-typescript documents for file uploads:
// `type: string, format: binary` (the CSV parts of the uploads) becomes `Blob` instead of `string`,
// so a multipart body takes a Blob or File and a CSV passed as a plain string no longer type-checks.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import openapiTS, { astToString } from "openapi-typescript";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const output = path.resolve(process.argv[2] ?? path.join(root, "tests/typescript/generated/schema.d.ts"));

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

const ast = await openapiTS(new URL(`file://${path.join(root, "openapi.yaml")}`), {
  transform(schemaObject) {
    if (schemaObject.format === "binary") {
      return schemaObject.nullable ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
    }
    return undefined;
  },
});
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, astToString(ast));
