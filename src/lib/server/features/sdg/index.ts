/** SDG catalogue, Plan-vert axes and their synchronisation into the database. */
export { AXIS_CATALOGUE, type Axis, isSdgNumber, SDG_CATALOGUE, type Sdg, textColourOn } from './sdg';
export { syncReferenceData } from './sdg.queries';
