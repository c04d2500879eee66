// Where the pool reader's source and compiled artifact live (the build script and the test that
// checks the artifact is current; the app imports the artifact itself, as JSON).
import { fileURLToPath } from 'node:url';

export const POOL_READER_SOURCE = fileURLToPath(new URL('./PoolReader.sol', import.meta.url));
export const POOL_READER_ARTIFACT = fileURLToPath(new URL('./PoolReader.json', import.meta.url));
