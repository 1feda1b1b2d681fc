/**
 * The span attributes of an X-Ray segment or subsegment. The `http`, `sql` and `aws` blocks are
 * flattened to dotted keys; keys with an OpenTelemetry semantic-convention equivalent take that
 * name (`http.request.url` → `url.full`), the others keep their X-Ray path (`aws.operation`,
 * `sql.preparation`). Process-level blocks (a segment's EC2/ECS/Beanstalk/Lambda details, its
 * `service` block) are resource attributes: see segment-resource.ts.
 */
import type { Attributes } from "../../model";
import { type JsonRecord, asRecord, asString, isRecord, stringAt, toAttributeValue } from "../../json-value";
import { RESOURCE_AWS_KEYS } from "./segment-resource";

const RENAMED: ReadonlyMap<string, string> = new Map([
  ["http.request.url", "url.full"],
  ["http.request.user_agent", "user_agent.original"],
  ["http.request.client_ip", "client.address"],
  ["http.response.status", "http.response.status_code"],
  ["http.response.content_length", "http.response.body.size"],
  ["sql.url", "db.connection_string"],
  ["sql.connection_string", "db.connection_string"],
  ["sql.sanitized_query", "db.statement"],
  ["sql.user", "db.user"],
]);

const NOTHING: ReadonlySet<string> = new Set();
const SQL_READ_APART: ReadonlySet<string> = new Set(["database_type"]);
const SUBSEGMENT_AWS_READ_APART: ReadonlySet<string> = new Set(["table_name"]);
const SEGMENT_AWS_READ_APART: ReadonlySet<string> = new Set(["table_name", ...RESOURCE_AWS_KEYS]);

/**
 * Dotted names by path and key (`http.request` + `url` → `http.request.url`), optionally renamed
 * (→ `url.full`). Documents repeat the same few keys thousands of times: a name is joined (and
 * interned as a property key) once, not once per entry. A block's names are looked up in its
 * path's table, found once per block rather than once per key. Bounded: every table is emptied
 * when they hold too many names in all, as the keys of annotations and metadata are the
 * documents' own.
 */
class Names {
  private readonly byPath = new Map<string, NameTable>();
  /** Names held in all tables; shared with them. */
  readonly held = { count: 0 };

  constructor(readonly renamed: ReadonlyMap<string, string>) {}

  table(path: string): NameTable {
    let table = this.byPath.get(path);
    if (table === undefined) this.byPath.set(path, (table = new NameTable(this, path)));
    return table;
  }

  of(path: string, key: string): string {
    return this.table(path).of(key);
  }

  clear(): void {
    for (const table of this.byPath.values()) table.names.clear();
    this.byPath.clear();
    this.held.count = 0;
  }
}

class NameTable {
  readonly names = new Map<string, string>();

  constructor(
    private readonly owner: Names,
    private readonly path: string,
  ) {}

  of(key: string): string {
    const name = this.names.get(key);
    return name === undefined ? this.add(key) : name;
  }

  private add(key: string): string {
    if (this.owner.held.count >= NAMES_LIMIT) this.owner.clear();
    const full = `${this.path}.${key}`;
    const name = this.owner.renamed.get(full) ?? full;
    this.names.set(key, name);
    this.owner.held.count++;
    return name;
  }
}

const NAMES_LIMIT = 10_000;
/** Attribute names, renamed to their OTel equivalents where there is one. */
const NAMES = new Names(RENAMED);
/** Paths of nested blocks, never renamed. */
const PATHS = new Names(new Map());

const nameOf = (path: string, key: string) => NAMES.of(path, key);

function flatten(into: Attributes, path: string, block: JsonRecord, skip: ReadonlySet<string> = NOTHING): void {
  const names = NAMES.table(path);
  for (const key in block) {
    if (skip.has(key)) continue;
    const value = block[key];
    if (typeof value === "string" || typeof value === "boolean") into[names.of(key)] = value;
    else if (isRecord(value)) flatten(into, PATHS.of(path, key), value);
    else into[names.of(key)] = toAttributeValue(value);
  }
}

/** `jdbc:postgresql://db.example.com:5432/ebdb?ssl=true` → host, port and database name. */
function parseSqlUrl(url: string): { host: string; port: number | null; database: string | null } | null {
  const m = /^(?:jdbc:)?(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?([^:/?;]+)(?::(\d+))?(?:\/([^?;/]+))?/i.exec(url);
  if (!m) return null;
  return { host: m[1], port: m[2] ? Number(m[2]) : null, database: m[3] ?? null };
}

function addSql(into: Attributes, sql: JsonRecord): void {
  flatten(into, "sql", sql, SQL_READ_APART);
  const type = stringAt(sql, "database_type");
  if (type) into["db.system"] = type.toLowerCase();
  const url = stringAt(sql, "url");
  const parsed = url ? parseSqlUrl(url) : null;
  if (parsed) {
    into["server.address"] = parsed.host;
    if (parsed.port !== null) into["server.port"] = parsed.port;
    if (parsed.database !== null) into["db.name"] = parsed.database;
  }
}

function addAws(into: Attributes, aws: JsonRecord, isSegment: boolean): void {
  flatten(into, "aws", aws, isSegment ? SEGMENT_AWS_READ_APART : SUBSEGMENT_AWS_READ_APART);
  const table = asString(aws.table_name);
  if (table) into["aws.dynamodb.table_names"] = [table];
}

function addCustom(into: Attributes, entry: JsonRecord): void {
  const annotations = asRecord(entry.annotations);
  if (annotations) {
    const names = NAMES.table("annotation");
    for (const key of Object.keys(annotations)) into[names.of(key)] = toAttributeValue(annotations[key]);
  }
  const metadata = asRecord(entry.metadata);
  if (metadata) {
    for (const namespace of Object.keys(metadata)) {
      const values = metadata[namespace];
      const path = PATHS.of("metadata", namespace);
      if (!isRecord(values)) {
        into[nameOf("metadata", namespace)] = toAttributeValue(values);
        continue;
      }
      const names = NAMES.table(path);
      for (const key of Object.keys(values)) into[names.of(key)] = toAttributeValue(values[key]);
    }
  }
}

/** `isSegment`: a (possibly inferred) segment, whose process-level `aws` keys go to the resource. */
export function segmentAttributes(entry: JsonRecord, isSegment: boolean): Attributes {
  const attributes: Attributes = {};
  const namespace = asString(entry.namespace);
  if (namespace) attributes["xray.namespace"] = namespace;
  if (entry.inferred === true) attributes["xray.inferred"] = true;
  if (entry.in_progress === true) attributes["xray.in_progress"] = true;
  const user = asString(entry.user);
  if (user) attributes["enduser.id"] = user;
  const cause = asString(entry.cause);
  if (cause) attributes["xray.cause.exception_id"] = cause;

  const http = asRecord(entry.http);
  if (http) flatten(attributes, "http", http);
  const sql = asRecord(entry.sql);
  if (sql) addSql(attributes, sql);
  const aws = asRecord(entry.aws);
  if (aws) addAws(attributes, aws, isSegment);
  addCustom(attributes, entry);
  return attributes;
}
