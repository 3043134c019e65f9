// The one confirmation before every step that publishes, pays or cannot be taken back: the caller
// says what will happen and names what is concerned (amount, village, donor); nothing is sent until
// the person agrees. The dialog (components/ConfirmStep.vue) is mounted on demand with the calling
// screen's app context, so it speaks the screen's language and needs no slot in any layout.
import { getCurrentInstance, h, render } from 'vue'
import ConfirmStep from './components/ConfirmStep.vue'

/** One thing the step concerns, named: 金额 ¥5,000, 村 洋坑村, 帮扶方 某公司. */
export interface StepFact {
  label: string
  value: string
}

/** A reason or note the step asks for (a step back always says why). */
export interface StepInput {
  label: string
  required?: boolean
  placeholder?: string
  value?: string
  maxLength?: number
  /** A whole number above 0 (an amount of money), typed on a number pad. */
  numeric?: boolean
}

/** A choice the step asks for (e.g. why a receipt has no file). */
export interface StepChoice {
  label: string
  options: { value: string; label: string }[]
  required?: boolean
  value?: string
}

export interface StepConfirmation {
  /** The step, as its button names it. */
  title: string
  /** What will happen: who sees it, what moves, whether and how it can be taken back. */
  effect: string
  facts?: StepFact[]
  /** The confirming button's words (the step's own name by default). */
  confirm?: string
  danger?: boolean
  choice?: StepChoice
  input?: StepInput
}

/** What the person confirmed with: the text typed and the option chosen ('' when none). */
export interface StepAnswer {
  text: string
  choice: string
}

export type Confirm = (step: StepConfirmation) => Promise<StepAnswer | null>

/** Call in a screen's setup; the answer is null when the person cancels. */
export function useConfirm(): Confirm {
  const appContext = getCurrentInstance()?.appContext ?? null
  return (step) =>
    new Promise((resolve) => {
      const host = document.createElement('div')
      document.body.appendChild(host)
      const vnode = h(ConfirmStep, {
        step,
        onDone: (answer: StepAnswer | null) => {
          render(null, host)
          host.remove()
          resolve(answer)
        },
      })
      vnode.appContext = appContext
      render(vnode, host)
    })
}

/** Facts of anything with an amount, a village and a donor, in that order, leaving out what is unknown. */
export function factsOf(
  t: (key: string) => string,
  what: { amount?: string | null; village?: string | null; donor?: string | null; title?: string | null },
): StepFact[] {
  const facts: StepFact[] = []
  if (what.title) facts.push({ label: t('confirm.what'), value: what.title })
  if (what.amount) facts.push({ label: t('confirm.amount'), value: what.amount })
  if (what.village) facts.push({ label: t('confirm.village'), value: what.village })
  if (what.donor) facts.push({ label: t('confirm.donor'), value: what.donor })
  return facts
}
