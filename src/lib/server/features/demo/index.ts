/** The IMT Mines Alès demo, loaded from its own documents into an empty database. */
export { DEMO_ACCOUNTS, loadDemoIfEmpty, readDemoStructure } from './demo';
