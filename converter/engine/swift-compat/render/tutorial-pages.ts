// Tutorial volume overview, chapter page and single tutorial page (spec §6.1–6.3).
import type { CatalogInfo, ChapterView, TutorialView } from '../render-profile.ts';
import { swiftTrim } from '../../text.ts';
import { PageBuilder, abstractLines, assessmentLines, stepLines } from './layout.ts';
import type { SwiftTutorial } from './tutorial.ts';

export function renderVolume(catalog: CatalogInfo): string {
  const page = new PageBuilder().section(`# ${catalog.title}`);
  page.section('## Volume Metadata').line(`- **Identifier:** ${catalog.identifier}`).line(`- **Catalog Kind:** ${catalog.kind}`);
  if (catalog.role !== null) page.line(`- **Catalog Role:** ${catalog.role}`);
  const abstract = abstractLines(catalog.abstract);
  if (abstract.length > 0) page.section('## Abstract').addLines(abstract);
  page
    .section('## Chapters')
    .groups(catalog.topics.map((topic) => ({ title: topic.title, lines: topic.identifiers.map((id) => `- ${id}`) })));
  return page.toString();
}

export function renderChapter(view: ChapterView): string {
  const { catalog, chapter } = view;
  const tutorials = view.tutorials as SwiftTutorial[];
  const page = new PageBuilder().section(`# ${chapter.title}`);
  page
    .section('## Chapter Metadata')
    .line(`- **Volume Title:** ${catalog.title}`)
    .line(`- **Volume Identifier:** ${catalog.identifier}`)
    .line(`- **Chapter Title:** ${chapter.title}`)
    .line(`- **Tutorial Count:** ${tutorials.length}`);
  page.section('## Tutorials');
  if (tutorials.length === 0) page.line('_No tutorial content available for this chapter._');
  for (const tutorial of tutorials) page.line('').line(`### ${tutorial.title}`).addLines(tutorialBlocks(tutorial));
  return navigation(page, view).toString();
}

function tutorialBlocks(tutorial: SwiftTutorial): string[] {
  const lines: string[] = [];
  const introduction = swiftTrim(tutorial.introduction ?? '');
  if (introduction !== '') lines.push('', '#### Introduction', introduction);
  if (tutorial.steps.length > 0) lines.push('', '#### Steps', ...stepLines(tutorial.steps));
  if (tutorial.assessments.length > 0) lines.push('', '#### Assessments', ...assessmentLines(tutorial.assessments));
  return lines;
}

function navigation(page: PageBuilder, view: ChapterView): PageBuilder {
  const topics = view.catalog.topics;
  // Swift finds the first chapter equal to this one (same title and identifiers).
  const position = topics.findIndex(
    (topic) => topic.title === view.chapter.title && topic.identifiers.join('\u0000') === view.chapter.identifiers.join('\u0000'),
  );
  const previous = position > 0 ? topics[position - 1]?.title : undefined;
  const next = position >= 0 ? topics[position + 1]?.title : undefined;
  return page
    .section('## Navigation')
    .line(`- **Previous Chapter:** ${previous ?? '_None_'}`)
    .line(`- **Next Chapter:** ${next ?? '_None_'}`);
}

export function renderTutorial(view: TutorialView): string {
  const { catalog, chapter } = view;
  const tutorial = view.tutorial as SwiftTutorial;
  const page = new PageBuilder().section(`# ${tutorial.title}`);
  page
    .section('## Tutorial Metadata')
    .line(`- **Identifier:** ${tutorial.identifier}`)
    .line(`- **Catalog Identifier:** ${catalog.identifier}`)
    .line(`- **Catalog Title:** ${catalog.title}`)
    .line(`- **Volume Title:** ${catalog.title}`)
    .line(`- **Volume Identifier:** ${catalog.identifier}`)
    .line(`- **Chapter Title:** ${chapter.title}`);
  const introduction = swiftTrim(tutorial.introduction ?? '');
  if (introduction !== '') page.section('## Introduction').line(introduction);
  if (tutorial.steps.length > 0) page.section('## Sections').line('### Steps').addLines(stepLines(tutorial.steps));
  if (tutorial.assessments.length > 0) page.section('## Assessments').addLines(assessmentLines(tutorial.assessments));
  return page.toString();
}
