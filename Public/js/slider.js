// The date slider and its play button: replays control day by day from the first to the last
// event day. Play waits for each day's map before moving on, so a slow server slows the replay
// instead of skipping days.

const STEP_MS = 650;

export class DateSlider {
  /**
   * @param {{range: HTMLInputElement, output: HTMLOutputElement, play: HTMLButtonElement, previous: HTMLButtonElement, next: HTMLButtonElement}} controls
   * @param {(date: string) => Promise<void>} onDay called when the user (or play) picks a day
   */
  constructor(controls, onDay) {
    Object.assign(this, controls);
    this.onDay = onDay;
    this.days = [];
    this.playing = false;
    this.range.addEventListener('input', () => this.pick(this.days[Number(this.range.value)]));
    this.play.addEventListener('click', () => (this.playing ? this.stop() : this.start()));
    this.previous.addEventListener('click', () => this.shift(-1));
    this.next.addEventListener('click', () => this.shift(1));
  }

  setDays(days) {
    this.days = days;
    this.range.min = '0';
    this.range.max = String(Math.max(days.length - 1, 0));
    this.range.disabled = days.length === 0;
    this.play.disabled = days.length < 2;
    this.range.dataset.first = days[0] || '';
    this.range.dataset.last = days[days.length - 1] || '';
  }

  /** Shows `date` without calling back (the state already has it). */
  show(date) {
    const i = this.days.indexOf(date);
    if (i >= 0) this.range.value = String(i);
    this.output.value = date || '';
    this.output.textContent = date || '';
    this.range.setAttribute('aria-valuetext', date || '');
  }

  pick(date) {
    if (!date) return Promise.resolve();
    this.show(date);
    return this.onDay(date);
  }

  shift(delta) {
    const i = Number(this.range.value) + delta;
    if (i >= 0 && i < this.days.length) this.pick(this.days[i]);
  }

  async start() {
    if (this.days.length < 2) return;
    this.playing = true;
    this.play.textContent = 'Pause';
    this.play.setAttribute('aria-pressed', 'true');
    let i = Number(this.range.value);
    if (i >= this.days.length - 1) i = -1;
    while (this.playing && i < this.days.length - 1) {
      i += 1;
      const started = performance.now();
      await this.pick(this.days[i]);
      const rest = STEP_MS - (performance.now() - started);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
    this.stop();
  }

  stop() {
    this.playing = false;
    this.play.textContent = 'Play';
    this.play.setAttribute('aria-pressed', 'false');
  }
}
