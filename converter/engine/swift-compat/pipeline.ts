// swift-compat's conversion, in the Swift CLI's order (spec §3): metadata, catalog, symbol
// references → tutorials → articles and symbol pages → link graph. The engine's pipeline
// (../pipeline.ts) has opened the input and staged the output, and writes the summary after.
import type { ConversionCounts } from '../../../common/contract/conversion-job.ts';
import type { EngineProfile, ProfileRun } from '../profile.ts';
import { loadCatalog } from './bundle/catalog.ts';
import { checkBundleDataMetadata, checkRenderMetadata, loadBundleMetadata } from './bundle/metadata.ts';
import { filterByTechnology, loadSymbolGraphReferences, sortReferences } from './bundle/symbol-references.ts';
import type { ConversionContext } from './context.ts';
import { DocumentationPass } from './documentation.ts';
import { renderLinkGraph } from './link-graph.ts';
import { swiftCompatProfile } from './render/profile.ts';
import { writeTutorials } from './tutorials.ts';

export const swiftCompat: EngineProfile = Object.freeze<EngineProfile>({ name: 'swift-compat', convert: convertSwiftCompat });

async function convertSwiftCompat(run: ProfileRun): Promise<ConversionCounts> {
  const { reader, sink, request } = run;
  const bundle = await loadBundleMetadata(reader);
  const renderMetadata = await checkRenderMetadata(reader, bundle);
  const { catalog, json: catalogJson } = await loadCatalog(reader, bundle.technologyRoot);
  checkBundleDataMetadata(reader, renderMetadata);
  const graphReferences = await loadSymbolGraphReferences(reader, run.warn);
  const context: ConversionContext = {
    reader,
    sink,
    profile: swiftCompatProfile,
    options: request.options,
    catalog,
    technologyRoot: bundle.technologyRoot,
    renderArchive: bundle.renderArchive,
    signal: request.signal,
    warn: run.warn,
  };
  await sink.makeDirectory('markdown');
  const tutorials = await writeTutorials(context);
  const documentation = await new DocumentationPass(context).run(catalogJson);
  const pageReferences = bundle.renderArchive ? documentation.pageReferences : [];
  const references = filterByTechnology(sortReferences(graphReferences ?? pageReferences), request.options.technologies);
  request.signal?.throwIfAborted();
  await sink.writeFile(
    'linkgraph/adjacency.json',
    renderLinkGraph(
      catalog,
      references.map((reference) => reference.identifier),
    ),
  );
  return { ...tutorials, articles: documentation.articles, symbols: references.length };
}
