/** "My work": a person's actions, indicator updates due or overdue, returned and submitted values, status summary. */
export type {
  MyAction,
  MyWork,
  ReturnedValue,
  SubmittedValue,
  UpdateDue,
} from './my-work';
export { getMyWork } from './my-work.service';
