// Media files (images, videos, downloads) that the archive really holds: copied into the output
// at the same relative path and linked relatively from each page; media the archive lacks keeps
// its titled link to the DocC URL (issue 14). Only the files pages use are copied.
import type { ArchiveReader } from '../io/archive-reader.ts';
import type { OutputSink } from '../io/output-sink.ts';

const MEDIA_FOLDERS = ['images', 'videos', 'downloads'];

export class MediaFiles {
  private readonly present: ReadonlySet<string>;
  /** Archive paths of the media that rendered pages link to, in first-use order. */
  readonly used = new Set<string>();

  constructor(present: ReadonlySet<string>) {
    this.present = present;
  }

  static async list(reader: ArchiveReader): Promise<MediaFiles> {
    const present = new Set<string>();
    for (const folder of MEDIA_FOLDERS) {
      // A folder the archive lacks lists nothing (a zip) or fails (a directory): no media there.
      const files = await reader.listFiles(folder).catch((): string[] => []);
      for (const file of files) present.add(file);
    }
    return new MediaFiles(present);
  }

  /** The archive path of a media URL (`/images/x.png`, `images/x.png`) when the archive has it; marks it used. */
  use(url: string): string | undefined {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined;
    let file: string;
    try {
      file = decodeURI(url.split(/[?#]/, 1)[0] ?? '').replace(/^\/+/, '');
    } catch {
      return undefined;
    }
    if (!this.present.has(file)) return undefined;
    this.used.add(file);
    return file;
  }

  /** Copies every used file into the output, one at a time (memory: one file). */
  async copyUsed(reader: ArchiveReader, sink: OutputSink, signal?: AbortSignal): Promise<number> {
    for (const file of this.used) {
      signal?.throwIfAborted();
      await sink.writeFile(file, await reader.readFile(file));
    }
    return this.used.size;
  }
}
