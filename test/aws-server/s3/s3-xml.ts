/** The REST-XML answers of the S3 subset: ListObjectsV2's ListBucketResult and the Error document. */

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

/** `<Name>value</Name>` for each defined member, in order. */
function members(fields: [string, string | number | boolean | undefined][]): string {
  return fields
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `<${name}>${xmlEscape(String(value))}</${name}>`)
    .join("");
}

export interface ListedObject {
  key: string;
  lastModified: number;
  etag: string;
  size: number;
}

export interface ListBucketResult {
  name: string;
  prefix: string;
  maxKeys: number;
  isTruncated: boolean;
  contents: ListedObject[];
  continuationToken?: string;
  nextContinuationToken?: string;
  startAfter?: string;
  /** encoding-type=url: keys and prefix are URL-encoded in the answer. */
  encodingType?: "url";
}

export function listBucketResultXml(r: ListBucketResult): string {
  const encode = (s: string) => (r.encodingType === "url" ? encodeURIComponent(s) : s);
  const contents = r.contents
    .map(
      (o) =>
        `<Contents>${members([
          ["Key", encode(o.key)],
          ["LastModified", new Date(o.lastModified).toISOString()],
          ["ETag", o.etag],
          ["Size", o.size],
          ["StorageClass", "STANDARD"],
        ])}</Contents>`,
    )
    .join("");
  const head = members([
    ["Name", r.name],
    ["Prefix", encode(r.prefix)],
    ["KeyCount", r.contents.length],
    ["MaxKeys", r.maxKeys],
    ["IsTruncated", r.isTruncated],
    ["EncodingType", r.encodingType],
  ]);
  const tail = members([
    ["ContinuationToken", r.continuationToken],
    ["NextContinuationToken", r.nextContinuationToken],
    ["StartAfter", r.startAfter === undefined ? undefined : encode(r.startAfter)],
  ]);
  return `${DECLARATION}<ListBucketResult xmlns="${NAMESPACE}">${head}${contents}${tail}</ListBucketResult>`;
}

export function errorXml(code: string, message: string, requestId: string, extra: Record<string, unknown>): string {
  const more = Object.entries(extra).map(([name, value]) => [name, String(value)] as [string, string]);
  return `${DECLARATION}<Error>${members([["Code", code], ["Message", message], ...more, ["RequestId", requestId]])}</Error>`;
}
