// Worker entry: loads the TypeScript simulator thread through tsx (workers get no vite transform).
import { tsImport } from 'tsx/esm/api';

await tsImport('./sim-thread.ts', import.meta.url);
