// Tutorial volume overview, chapter page and single tutorial page (spec §6.1–6.3).
import type { CatalogInfo, ChapterView, TutorialView } from '../profile.ts';
import { swiftTrim } from '../text.ts';
import { abstractLines, assessmentLines, groupedSection, page, stepLines } from './layout.ts';
import type { SwiftTutorial } from './tutorial.ts';

export function renderVolume(catalog: CatalogInfo): string {
  const metadata = ['## Volume Metadata', `- **Identifier:** ${catalog.identifier}`, `- **Catalog Kind:** ${catalog.kind}`];
  if (catalog.role !== null) metadata.push(`- **Catalog Role:** ${catalog.role}`);
  const sections = [`# ${catalog.title}`, metadata.join('\n')];
  const abstract = abstractLines(catalog.abstract);
  if (abstract.length > 0) sections.push(['## Abstract', ...abstract].join('\n'));
  const chapters = catalog.topics.map((topic) => ({ title: topic.title, lines: topic.identifiers.map((id) => `- ${id}`) }));
  sections.push(groupedSection('## Chapters', chapters));
  return page(sections);
}

export function renderChapter(view: ChapterView): string {
  const { catalog, chapter } = view;
  const tutorials = view.tutorials as SwiftTutorial[];
  const metadata = [
    '## Chapter Metadata',
    `- **Volume Title:** ${catalog.title}`,
    `- **Volume Identifier:** ${catalog.identifier}`,
    `- **Chapter Title:** ${chapter.title}`,
    `- **Tutorial Count:** ${tutorials.length}`,
  ];
  const body = ['## Tutorials'];
  if (tutorials.length === 0) body.push('_No tutorial content available for this chapter._');
  for (const tutorial of tutorials) body.push('', `### ${tutorial.title}`, ...tutorialBlocks(tutorial));
  return page([`# ${chapter.title}`, metadata.join('\n'), body.join('\n'), navigation(view)]);
}

function tutorialBlocks(tutorial: SwiftTutorial): string[] {
  const lines: string[] = [];
  const introduction = swiftTrim(tutorial.introduction ?? '');
  if (introduction !== '') lines.push('', '#### Introduction', introduction);
  if (tutorial.steps.length > 0) lines.push('', '#### Steps', ...stepLines(tutorial.steps));
  if (tutorial.assessments.length > 0) lines.push('', '#### Assessments', ...assessmentLines(tutorial.assessments));
  return lines;
}

function navigation(view: ChapterView): string {
  const topics = view.catalog.topics;
  // Swift finds the first chapter equal to this one (same title and identifiers).
  const position = topics.findIndex(
    (topic) => topic.title === view.chapter.title && topic.identifiers.join('\u0000') === view.chapter.identifiers.join('\u0000'),
  );
  const previous = position > 0 ? topics[position - 1]?.title : undefined;
  const next = position >= 0 ? topics[position + 1]?.title : undefined;
  return ['## Navigation', `- **Previous Chapter:** ${previous ?? '_None_'}`, `- **Next Chapter:** ${next ?? '_None_'}`].join('\n');
}

export function renderTutorial(view: TutorialView): string {
  const { catalog, chapter } = view;
  const tutorial = view.tutorial as SwiftTutorial;
  const metadata = [
    '## Tutorial Metadata',
    `- **Identifier:** ${tutorial.identifier}`,
    `- **Catalog Identifier:** ${catalog.identifier}`,
    `- **Catalog Title:** ${catalog.title}`,
    `- **Volume Title:** ${catalog.title}`,
    `- **Volume Identifier:** ${catalog.identifier}`,
    `- **Chapter Title:** ${chapter.title}`,
  ];
  const sections = [`# ${tutorial.title}`, metadata.join('\n')];
  const introduction = swiftTrim(tutorial.introduction ?? '');
  if (introduction !== '') sections.push(`## Introduction\n${introduction}`);
  if (tutorial.steps.length > 0) sections.push(['## Sections', '### Steps', ...stepLines(tutorial.steps)].join('\n'));
  if (tutorial.assessments.length > 0) sections.push(['## Assessments', ...assessmentLines(tutorial.assessments)].join('\n'));
  return page(sections);
}
