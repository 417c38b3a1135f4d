// The tutorial phase (spec §3 step 6): one volume from the catalog's topic sections, a page per
// chapter that holds tutorial identifiers, and in single layout a page per tutorial.
import { pathToFileURL } from 'node:url';
import type { ConversionContext } from './context.ts';
import { readJson } from './context.ts';
import { chapterDirectory, chapterFile, tutorialFile, tutorialSourceFile, volumeDirectory } from './paths.ts';
import type { TopicSection, TutorialPage } from './render-profile.ts';
import { TutorialLoadError } from './render-profile.ts';

export interface TutorialCounts {
  volumes: number;
  chapters: number;
  tutorials: number;
}

const isTutorialIdentifier = (identifier: string): boolean => identifier.includes('/tutorials/');

export async function writeTutorials(context: ConversionContext): Promise<TutorialCounts> {
  const counts = { volumes: 0, chapters: 0, tutorials: 0 };
  const { catalog, sink, profile } = context;
  if (catalog.topics.length === 0) return counts;
  await sink.makeDirectory('markdown/tutorials');
  if (!catalog.topics.some((topic) => topic.identifiers.some(isTutorialIdentifier))) return counts;
  counts.volumes = 1;
  const volumeDir = volumeDirectory(catalog.identifier);
  await sink.writeFile(`${volumeDir}/index.md`, profile.renderVolume(catalog));
  for (const [index, chapter] of catalog.topics.entries()) {
    const identifiers = chapter.identifiers.filter(isTutorialIdentifier);
    if (identifiers.length === 0) continue;
    const tutorials = await loadTutorials(context, identifiers);
    await sink.writeFile(chapterFile(volumeDir, index, chapter.title), profile.renderChapter({ catalog, index, chapter, tutorials }));
    counts.chapters += 1;
    counts.tutorials += tutorials.length;
    if (context.options.tutorialLayout === 'single') await writeTutorialPages(context, volumeDir, chapter, tutorials);
  }
  return counts;
}

async function writeTutorialPages(
  context: ConversionContext,
  volumeDir: string,
  chapter: TopicSection,
  tutorials: TutorialPage[],
): Promise<void> {
  const directory = chapterDirectory(volumeDir, chapter.title);
  await context.sink.makeDirectory(directory);
  for (const tutorial of tutorials) {
    const markdown = context.profile.renderTutorial({ catalog: context.catalog, chapter, tutorial });
    await context.sink.writeFile(tutorialFile(directory, tutorial.title), markdown);
  }
}

async function loadTutorials(context: ConversionContext, identifiers: string[]): Promise<TutorialPage[]> {
  const tutorials: TutorialPage[] = [];
  for (const identifier of identifiers) {
    context.signal?.throwIfAborted();
    try {
      tutorials.push(await loadTutorial(context, identifier));
    } catch (error) {
      if (!(error instanceof TutorialLoadError)) throw error;
      context.warn(`MarkdownGenerationPipeline: warning: failed to load tutorial page ${identifier}: ${error.debugForm}`);
    }
  }
  return tutorials;
}

async function loadTutorial(context: ConversionContext, identifier: string): Promise<TutorialPage> {
  const relative = tutorialSourceFile(identifier);
  const fileUrl = pathToFileURL(context.reader.displayPath(relative)).href;
  let json: unknown;
  try {
    json = await readJson(context, relative);
  } catch {
    throw new TutorialLoadError(`tutorialPageMissing(${fileUrl})`);
  }
  if (json === undefined) throw new TutorialLoadError(`invalidTutorialPage(${fileUrl})`);
  return context.profile.decodeTutorial(json, { identifier, fileUrl });
}
