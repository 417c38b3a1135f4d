// The conversion options: defaults as the server reports them (GET /api/v1/limits), controls
// shown only where the chosen profile honours them, technologies offered from the archive.

const SELECTS = { profile: 'profile', symbolLayout: 'symbol-layout', tutorialLayout: 'tutorial-layout' };

export class Options {
  constructor(byId) {
    this.byId = byId;
    this.profile = byId('profile');
    this.tutorialLabel = byId('tutorial-layout-label');
    this.frontMatter = byId('front-matter');
    this.frontMatterLabel = byId('front-matter-label');
    this.choices = byId('technology-choices');
    this.technologyText = byId('technology-text');
    this.profile.addEventListener('change', () => this.applyProfile());
    this.applyProfile();
  }

  /** Marks and selects the server's defaults, e.g. {profile: 'rich', symbolLayout: 'tree', …}. */
  applyDefaults(defaults) {
    for (const [name, id] of Object.entries(SELECTS)) {
      const value = defaults?.[name];
      const select = this.byId(id);
      if (typeof value !== 'string' || ![...select.options].some((o) => o.value === value)) continue;
      for (const option of select.options) {
        option.textContent = option.value === value ? `${option.value} (default)` : option.value;
      }
      select.value = value;
    }
    this.applyProfile();
  }

  /** tutorialLayout is a swift-compat option; front matter a rich one (contract §8). */
  applyProfile() {
    const swiftCompat = this.profile.value === 'swift-compat';
    this.tutorialLabel.hidden = !swiftCompat;
    this.frontMatterLabel.hidden = swiftCompat;
    this.frontMatter.disabled = swiftCompat;
  }

  offerTechnologies(names) {
    this.choices.replaceChildren();
    for (const name of names) {
      const label = document.createElement('label');
      label.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'technology-choice';
      box.value = name;
      label.append(box, ` ${name}`);
      this.choices.append(label);
    }
  }

  technologies() {
    const chosen = [...this.choices.querySelectorAll('input:checked')].map((box) => box.value);
    const typed = this.technologyText.value
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    return [...new Set([...chosen, ...typed])];
  }

  /** The form fields to send: only options that apply, front matter only when asked for. */
  fields() {
    const fields = [
      ['profile', this.profile.value],
      ['symbolLayout', this.byId('symbol-layout').value],
    ];
    if (this.profile.value === 'swift-compat') fields.push(['tutorialLayout', this.byId('tutorial-layout').value]);
    else if (this.frontMatter.checked) fields.push(['frontMatter', 'true']);
    for (const technology of this.technologies()) fields.push(['technology', technology]);
    return fields;
  }

  setDisabled(disabled) {
    this.byId('options').disabled = disabled;
  }
}
