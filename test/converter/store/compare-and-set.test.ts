import { MemoryBackend } from '../../../converter/store/memory-backend.ts';
import { describeCompareAndSet } from './compare-and-set-suite.ts';

describeCompareAndSet('MemoryBackend', async () => new MemoryBackend());
