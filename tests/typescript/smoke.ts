// A TypeScript team's client of openapi.yaml, run against the mock by tests/spec/test_typescript.py.
// Types: openapi-typescript with the Blob transform (scripts/typescript-types.mjs); client: openapi-fetch.
// The only helper beyond the generated types is `multipart`, the body serializer docs/spec/typescript.md documents.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

// One item of a 207: a done `ContactResult` (code 200, a contact) or a `FailedItem` (400/404/409, its error).
type BulkItem = components["schemas"]["CreateContactsResponse"]["response"][number];

const base = required("EXOTEL_MOCK_URL");
const accountSid = required("EXOTEL_ACCOUNT_SID");
const basic = btoa(`${required("EXOTEL_API_KEY")}:${required("EXOTEL_API_TOKEN")}`);
const account = { path: { account_sid: accountSid } };

const exotel = createClient<paths>({ baseUrl: base, headers: { Authorization: `Basic ${basic}` } });
// The error CSV is fetched without credentials (a pre-signed URL at Exotel; security: [] in the spec).
const files = createClient<paths>({ baseUrl: base });

/** The multipart body serializer of docs/spec/typescript.md: each part a string or a Blob/File, absent parts left out. */
function multipart(body: Record<string, string | Blob | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value !== undefined) form.append(name, value);
  }
  return form;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** An error answer's code, whichever shape it has: the v2 envelope, or a 429's v1 RestException or
 * voice legs body (the spec's TooManyRequestsErrorResponse is a oneOf of the three). */
type AnyError =
  | { RestException: { Code?: string } }
  | { response: { error: { code: string } } }
  | { response: { error_data: { code: unknown } } };
function errorCode(error: AnyError | undefined): string {
  if (error === undefined) return "none";
  if ("RestException" in error) return String(error.RestException.Code);
  if ("error" in error.response) return error.response.error.code;
  return String(error.response.error_data.code);
}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Error(`smoke: ${what}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, look: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const done = await look();
    if (done !== undefined) return done;
    await sleep(50);
  }
  throw new Error(`smoke: ${what} did not finish`);
}

async function ccm(): Promise<void> {
  const csv = [
    "phone_number,first_name,last_name,email",
    "+919876543210,Asha,Rao,asha@example.com",
    "12345,Bad,Phone,bad@example.com",
    ",No,Phone,none@example.com",
    "+919876543211,Bad,Email,not-an-email",
  ].join("\n");
  const upload = await exotel.POST("/v2/accounts/{account_sid}/contacts/upload", {
    params: account,
    body: { file: new File([csv], "contacts.csv", { type: "text/csv" }), duplicate_action: "skip" },
    bodySerializer: multipart,
  });
  check(upload.error === undefined, `upload answered ${upload.response.status}`);
  const accepted = upload.data.response.data;
  check(accepted.total_records === 4, `total_records ${accepted.total_records}`);
  const ids = { path: { account_sid: accountSid, upload_id: accepted.upload_id } };

  const status = await until("the CCM upload", async () => {
    const { data, error } = await exotel.GET("/v2/accounts/{account_sid}/contacts/upload/{upload_id}", {
      params: ids,
    });
    check(error === undefined, `status answered ${errorCode(error)}`);
    return data.response.data.status === "completed" ? data.response.data : undefined;
  });
  check(status.successful === 1 && status.failed === 3, `counts ${JSON.stringify(status)}`);

  const errors = await exotel.GET("/v2/accounts/{account_sid}/contacts/upload/{upload_id}/errors", {
    params: ids,
  });
  check(errors.error === undefined, `errors answered ${errors.response.status}`);
  const report = errors.data.response.data;
  const codes = report.errors.map((row) => `${row.row_number}:${row.error_code}`).sort();
  check(
    codes.join(" ") === "2:INVALID_PHONE 3:MISSING_REQUIRED 4:INVALID_EMAIL",
    `error rows ${codes.join(" ")}`,
  );

  const fileId = status.error_file_id;
  check(typeof fileId === "string", "no error_file_id");
  const file = await files.GET("/v2/error-files/{error_file_id}", {
    params: { path: { error_file_id: fileId } },
    parseAs: "text",
  });
  check(file.error === undefined, `error file answered ${file.response.status}`);
  const lines = file.data.trim().split(/\r?\n/);
  check(
    lines[0] === "row_number,phone_number,first_name,last_name,error_code,error_message",
    `error CSV header ${lines[0]}`,
  );
  check(lines.length === 4, `error CSV has ${lines.length} lines`);
  const url = report.error_file_url;
  check(typeof url === "string", "no error_file_url");
  const direct = await fetch(url);
  check((await direct.text()) === file.data, "error_file_url and downloadErrorFile differ");
  console.log(`ccm: ${status.successful} created, ${report.error_count} error rows, error CSV ${lines.length} lines`);
}

async function campaign(): Promise<void> {
  const csv = ["number,first_name", "+919800000001,Ravi", "+919800000002,Meena", "oops,Bad"].join("\n");
  const upload = await exotel.POST("/v2/accounts/{account_sid}/contacts/csv-upload", {
    params: account,
    body: { list_name: "ts-smoke", file_name: new File([csv], "list.csv", { type: "text/csv" }), type: "static" },
    bodySerializer: multipart,
  });
  check(upload.error === undefined, `csv-upload answered ${upload.response.status}`);
  const summary = upload.data.response.data.summary;
  const stats = await until("the Campaign CSV upload", async () => {
    const { data, error } = await exotel.GET("/v2/accounts/{account_sid}/csv-status/{upload_id}", {
      params: { path: { account_sid: accountSid, upload_id: summary.upload_id } },
    });
    check(error === undefined, `csv-status answered ${errorCode(error)}`);
    return data.response.data.status === "completed" ? data.response.data.stats : undefined;
  });
  check(stats?.total === 3 && stats.success === 2 && stats.failed === 1, `stats ${JSON.stringify(stats)}`);
  console.log(`campaign: list ${summary.list_sid}, ${stats.success} of ${stats.total} added`);
}

function describe(item: BulkItem): string {
  // `code` narrows the union: a done item always has its contact, a failed one its error_data.
  switch (item.code) {
    case 200:
      return `created ${item.data.sid}`;
    case 400:
      return `invalid (${item.error_data.code})`;
    case 404:
      return `not found (${item.error_data.code})`;
    case 409:
      return `duplicate (${item.error_data.code})`;
  }
}

async function bulk(): Promise<string> {
  const { data, error, response } = await exotel.POST("/v2/accounts/{account_sid}/contacts", {
    params: account,
    body: {
      contacts: [
        { number: "+919811111111", first_name: "Kiran", custom_field: { plan: "gold" } },
        { number: "not-a-number" },
        { number: "+919811111111" },
      ],
    },
  });
  check(error === undefined && response.status === 207, `bulk create answered ${response.status}`);
  const outcomes = data.response.map(describe);
  check(
    outcomes[0]?.startsWith("created ") === true &&
      outcomes[1] === "invalid (1002)" &&
      outcomes[2] === "duplicate (1008)",
    `items ${outcomes.join("; ")}`,
  );
  check(data.metadata.total === 3 && data.metadata.success === 1 && data.metadata.failed === 2, "metadata");
  console.log(`bulk: ${outcomes.join("; ")}`);
  const first = data.response[0];
  check(first !== undefined && first.code === 200, "first bulk item");
  return first.data.sid;
}

/** A list flow: create a list, add a contact to it, page the list's contacts until a short page. */
async function lists(contactSid: string): Promise<void> {
  const created = await exotel.POST("/v2/accounts/{account_sid}/lists", {
    params: account,
    body: { lists: [{ name: "ts-smoke-members", tag: "smoke" }] }, // the CSV upload made "ts-smoke"
  });
  check(created.error === undefined && created.response.status === 207, `createLists answered ${created.response.status}`);
  const made = created.data.response[0];
  check(made !== undefined && made.code === 200, `createLists item ${JSON.stringify(made)}`);
  const list = { path: { account_sid: accountSid, list_sid: made.data.sid } };
  const added = await exotel.POST("/v2/accounts/{account_sid}/lists/{list_sid}/contacts", {
    params: list,
    body: { contact_references: [{ contact_sid: contactSid }] },
  });
  check(added.error === undefined, `addContactsToList answered ${added.response.status}`);
  const member = added.data.response[0];
  check(
    added.data.response.length === 1 && member !== undefined && member.code === 200 && member.data.contact_sid === contactSid,
    `addContactsToList items ${JSON.stringify(added.data.response)}`,
  );
  const seen: string[] = [];
  for (let offset = 0, pages = 0; pages < 50; offset += 20, pages++) {
    const page = await exotel.GET("/v2/accounts/{account_sid}/lists/{list_sid}/contacts", {
      params: { ...list, query: { offset, limit: 20 } },
    });
    check(page.error === undefined, `listListContacts answered ${page.response.status}`);
    // A page holds records only: each item is a done ContactResult with its contact.
    for (const record of page.data.response) seen.push(record.data.sid);
    const { count, total } = page.data.metadata;
    if (page.data.response.length < 20 || offset + count >= total) break;
  }
  check(seen.length === 1 && seen[0] === contactSid, `list contacts ${seen.join(", ")}`);
  console.log(`lists: ${made.data.name} (${made.data.sid}) holds ${seen.join(", ")}`);
}

async function main(): Promise<void> {
  await ccm();
  await campaign();
  await lists(await bulk());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
