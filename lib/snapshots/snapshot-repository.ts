/**
 * Where snapshots are kept (SnapshotRepository), and the embedded one: the snapshots table in
 * SQLite — create, read, list (newest first, without payloads), update, delete. Every write is
 * one statement, so a failure leaves nothing half-written. Asynchronous because the shared store
 * (s3-snapshot-repository.ts) is.
 */
import type Database from "better-sqlite3";
import type { NewSnapshot, Snapshot, SnapshotMeta, SnapshotPayload } from "./snapshot";
import { newSnapshotId } from "./snapshot-id";

export interface SnapshotRepository {
  create(snapshot: NewSnapshot): Promise<SnapshotMeta>;
  get(id: string): Promise<Snapshot | null>;
  /** Newest first (by createdAt, then ID), at most `limit`. */
  list(limit: number): Promise<SnapshotMeta[]>;
  /** null when there is no such snapshot. */
  update(id: string, patch: SnapshotPatch): Promise<SnapshotMeta | null>;
  /** false when there was no such snapshot. */
  delete(id: string): Promise<boolean>;
}

export interface SnapshotPatch {
  title?: string;
  note?: string;
}

/** The list's fields of a new snapshot, under its new ID. */
export function metaOf(id: string, snapshot: NewSnapshot): SnapshotMeta {
  return {
    id,
    title: snapshot.title,
    note: snapshot.note,
    createdAt: snapshot.createdAt,
    source: snapshot.source,
    capturedBy: snapshot.capturedBy,
    traceId: snapshot.payload.trace.traceId,
    spanCount: snapshot.payload.trace.spans.length,
    logCount: snapshot.payload.logs.events.length,
    logsStatus: snapshot.payload.logs.status,
  };
}

interface MetaRow {
  id: string;
  title: string;
  note: string;
  created_at: number;
  source: SnapshotMeta["source"];
  captured_by: string | null;
  trace_id: string;
  span_count: number;
  log_count: number;
  logs_status: SnapshotMeta["logsStatus"];
}

const META_COLUMNS = "id, title, note, created_at, source, captured_by, trace_id, span_count, log_count, logs_status";

function metaFromRow(row: MetaRow): SnapshotMeta {
  return {
    id: row.id,
    title: row.title,
    note: row.note,
    createdAt: row.created_at,
    source: row.source,
    capturedBy: row.captured_by,
    traceId: row.trace_id,
    spanCount: row.span_count,
    logCount: row.log_count,
    logsStatus: row.logs_status,
  };
}

function rowFromMeta(meta: SnapshotMeta): MetaRow {
  return {
    id: meta.id,
    title: meta.title,
    note: meta.note,
    created_at: meta.createdAt,
    source: meta.source,
    captured_by: meta.capturedBy,
    trace_id: meta.traceId,
    span_count: meta.spanCount,
    log_count: meta.logCount,
    logs_status: meta.logsStatus,
  };
}

export function createSnapshotRepository(db: Database.Database): SnapshotRepository {
  const insert = db.prepare<MetaRow & { payload: string }>(
    `INSERT INTO snapshots (${META_COLUMNS}, payload)
     VALUES (@id, @title, @note, @created_at, @source, @captured_by, @trace_id, @span_count, @log_count, @logs_status, @payload)`,
  );
  const selectOne = db.prepare<[string], MetaRow & { payload: string }>(`SELECT ${META_COLUMNS}, payload FROM snapshots WHERE id = ?`);
  const selectMeta = db.prepare<[string], MetaRow>(`SELECT ${META_COLUMNS} FROM snapshots WHERE id = ?`);
  const selectList = db.prepare<[number], MetaRow>(`SELECT ${META_COLUMNS} FROM snapshots ORDER BY created_at DESC, id LIMIT ?`);
  const updateFields = db.prepare<{ id: string; title: string | null; note: string | null }>(
    "UPDATE snapshots SET title = coalesce(@title, title), note = coalesce(@note, note) WHERE id = @id",
  );
  const remove = db.prepare<[string]>("DELETE FROM snapshots WHERE id = ?");

  return {
    async create(snapshot) {
      const meta = metaOf(newSnapshotId(), snapshot);
      insert.run({ ...rowFromMeta(meta), payload: JSON.stringify(snapshot.payload) });
      return meta;
    },
    async get(id) {
      const row = selectOne.get(id);
      if (!row) return null;
      return { ...metaFromRow(row), payload: JSON.parse(row.payload) as SnapshotPayload };
    },
    list: async (limit) => selectList.all(limit).map(metaFromRow),
    async update(id, patch) {
      updateFields.run({ id, title: patch.title ?? null, note: patch.note ?? null });
      const row = selectMeta.get(id);
      return row ? metaFromRow(row) : null;
    },
    delete: async (id) => remove.run(id).changes > 0,
  };
}
