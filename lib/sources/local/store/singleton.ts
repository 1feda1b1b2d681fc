/**
 * One store per data directory per process. Next.js re-evaluates modules on every dev reload, so
 * the cache lives on globalThis, where a reload cannot drop an open database and open another.
 */
import path from "node:path";
import { openStore, type Store, type StoreOptions } from "./store";

const STORES: unique symbol = Symbol.for("sightline.stores");

type WithStores = typeof globalThis & { [STORES]?: Map<string, Store> };

export function getStore(options: StoreOptions): Store {
  const global = globalThis as WithStores;
  const stores = (global[STORES] ??= new Map<string, Store>());
  const key = path.resolve(options.dataDir);
  let store = stores.get(key);
  if (!store?.isOpen) {
    store = openStore(options);
    stores.set(key, store);
  }
  return store;
}
