import { SnapshotList } from "@/components/snapshots/snapshot-list";

export const metadata = { title: "Snapshots · Sightline" };

export default function SnapshotsRoute() {
  return <SnapshotList />;
}
