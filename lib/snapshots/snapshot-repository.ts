/**
 * The snapshots table: create, read, list (newest first, without payloads), update, delete.
 * Every write is one statement, so a failure leaves nothing half-written.
 */
import type Database from "better-sqlite3";
import type { NewSnapshot, Snapshot, SnapshotMeta, SnapshotPayload } from "./snapshot";
import { newSnapshotId } from "./snapshot-id";

export interface SnapshotRepository {
  create(snapshot: NewSnapshot): SnapshotMeta;
  get(id: string): Snapshot | null;
  list(limit: number): SnapshotMeta[];
  /** null when there is no such snapshot. */
  update(id: string, patch: { title?: string; note?: string }): SnapshotMeta | null;
  /** false when there was no such snapshot. */
  delete(id: string): boolean;
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
    create(snapshot) {
      const row: MetaRow = {
        id: newSnapshotId(),
        title: snapshot.title,
        note: snapshot.note,
        created_at: snapshot.createdAt,
        source: snapshot.source,
        captured_by: snapshot.capturedBy,
        trace_id: snapshot.payload.trace.traceId,
        span_count: snapshot.payload.trace.spans.length,
        log_count: snapshot.payload.logs.events.length,
        logs_status: snapshot.payload.logs.status,
      };
      insert.run({ ...row, payload: JSON.stringify(snapshot.payload) });
      return metaFromRow(row);
    },
    get(id) {
      const row = selectOne.get(id);
      if (!row) return null;
      return { ...metaFromRow(row), payload: JSON.parse(row.payload) as SnapshotPayload };
    },
    list: (limit) => selectList.all(limit).map(metaFromRow),
    update(id, patch) {
      updateFields.run({ id, title: patch.title ?? null, note: patch.note ?? null });
      const row = selectMeta.get(id);
      return row ? metaFromRow(row) : null;
    },
    delete: (id) => remove.run(id).changes > 0,
  };
}
