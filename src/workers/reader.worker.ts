// Reader worker entry: decodes Excel, Parquet and JSON files into Arrow IPC; the readers live in src/pipeline/read.
import { expose, transfer } from 'comlink';
import { decodeToIpc } from '../pipeline/read/decode';
import type { ReaderApi } from './reader.api';

const api: ReaderApi = {
  async decode(file, format, options) {
    try {
      const { ipc, meta } = await decodeToIpc(file, format, options);
      return transfer({ ok: true as const, ipc, meta }, [ipc.buffer]);
    } catch (e) {
      const err = e as { name?: string; title?: string; message?: string };
      return { ok: false as const, name: err.name ?? 'Error', title: err.title ?? '', message: err.message ?? String(e) };
    }
  },
};

expose(api);
