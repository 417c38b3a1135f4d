// Output-path collisions. The Swift CLI writes every article, then every symbol page in sorted
// order, and the last write to a path wins. We render pages in one pass in file order instead,
// so each path remembers the rank of the page Swift would have written last, and a page is
// written only if it outranks (or, for the same rank, comes after) the current owner.
import { compareCodePoints } from '../io/archive-reader.ts';

/** Swift's write order: [phase, position]; phase 0 = catalog-ordered articles, 1 = other articles, 2 = symbols. */
export type Rank = readonly [phase: number, position: number | string];

function compareRanks(a: Rank, b: Rank): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  const [, left] = a;
  const [, right] = b;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return compareCodePoints(String(left), String(right));
}

export class PathClaims {
  private readonly owners = new Map<string, { rank: Rank; owner: object }>();

  /** Claims `path` for `owner`; false when a page Swift writes later already owns it. */
  claim(path: string, rank: Rank, owner: object): boolean {
    const current = this.owners.get(path);
    if (current && compareRanks(rank, current.rank) < 0) return false;
    this.owners.set(path, { rank, owner });
    return true;
  }

  owns(path: string, owner: object): boolean {
    return this.owners.get(path)?.owner === owner;
  }
}
