// Which group/version/resources are served, looked up by URL parts or by apiVersion + kind.
import { apiVersionOf, type ResourceType } from './types.ts';

export class Registry {
  readonly #types: ResourceType[] = [];

  add(type: ResourceType): void {
    const existing = this.#types.findIndex((t) => t.group === type.group && t.version === type.version && t.plural === type.plural);
    if (existing >= 0) this.#types.splice(existing, 1, type);
    else this.#types.push(type);
  }

  all(): readonly ResourceType[] {
    return this.#types;
  }

  byResource(group: string, version: string, plural: string): ResourceType | undefined {
    return this.#types.find((t) => t.group === group && t.version === version && t.plural === plural);
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.#types.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
  }

  /** Any served version of a kind in a group: used for owner lookups by apiVersion. */
  byGroupKind(group: string, kind: string): ResourceType | undefined {
    return this.#types.find((t) => t.group === group && t.kind === kind);
  }

  groupVersions(group: string): string[] {
    return [...new Set(this.#types.filter((t) => t.group === group).map((t) => t.version))];
  }

  groups(): string[] {
    return [...new Set(this.#types.map((t) => t.group).filter((g) => g !== ''))];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.#types.filter((t) => t.group === group && t.version === version);
  }
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
