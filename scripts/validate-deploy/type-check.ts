/**
 * Checks documents against TypeScript declarations of their API, the way `tsc` checks an object
 * literal: each document is written into a virtual module as `<its JSON> satisfies <Type>`, so
 * a property the type does not declare (excess property check, at every depth), a missing
 * required member, a wrong type or a value outside a string-literal union is a compile error.
 * The types are the AWS SDK's request shapes (@aws-sdk/client-ecs,
 * @aws-sdk/client-elastic-load-balancing-v2: generated from the services' API models) and the
 * Kubernetes OpenAPI's (kubernetes-models).
 */
import path from "node:path";
import ts from "typescript";
import type { Problem } from "./problems";

export interface TypedDocument {
  /** The file reported, relative to the repository. */
  file: string;
  /** What in the file (a Kubernetes document's kind and name), for the message. */
  label?: string;
  /** The module and the exported type the document must satisfy. */
  module: string;
  type: string;
  value: unknown;
}

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
  lib: ["lib.es2022.d.ts"],
};

/** Declaration files parsed once per process: the second check (tests) then costs only the checking. */
const parsed = new Map<string, ts.SourceFile>();

export function typeCheck(root: string, docs: readonly TypedDocument[]): Problem[] {
  const virtual = new Map<string, { doc: TypedDocument; text: string }>();
  docs.forEach((doc, i) => {
    // Inside the repository, so the packages resolve from its node_modules; never written to disk.
    const fileName = path.join(root, ".cache", "validate-deploy", `document-${i}.ts`);
    const text = `import type { ${doc.type} } from ${JSON.stringify(doc.module)};\n\nexport const document = ${JSON.stringify(doc.value, null, 2)} satisfies ${doc.type};\n`;
    virtual.set(fileName, { doc, text });
  });

  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  host.readFile = (f) => virtual.get(f)?.text ?? readFile(f);
  host.getSourceFile = (f, languageVersion, ...rest) => {
    const v = virtual.get(f);
    if (v) return ts.createSourceFile(f, v.text, languageVersion, true);
    let sf = parsed.get(f);
    if (!sf) {
      sf = getSourceFile(f, languageVersion, ...rest);
      if (sf) parsed.set(f, sf);
    }
    return sf;
  };

  const program = ts.createProgram([...virtual.keys()], OPTIONS, host);
  const problems: Problem[] = [];
  for (const d of program.getOptionsDiagnostics()) problems.push({ file: "(type check)", message: ts.flattenDiagnosticMessageText(d.messageText, " ") });
  for (const [fileName, { doc }] of virtual) {
    const sf = program.getSourceFile(fileName);
    if (!sf) throw new Error(`type check: ${fileName} was not loaded`);
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      const where = d.start === undefined ? "" : ` (at ${sf.text.split("\n")[sf.getLineAndCharacterOfPosition(d.start).line].trim()})`;
      problems.push({ file: doc.file, message: `${doc.label ? `${doc.label}: ` : ""}not a valid ${doc.type}: ${message}${where}` });
    }
  }
  return problems;
}
