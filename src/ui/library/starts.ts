// The ways to start a dataset, shared by the library bar and the empty library's welcome.
import { sampleExamples } from '../../lib/dataset/sample';
import { newExampleId } from '../../lib/dataset/ops';
import { templateExample } from '../../lib/dataset/edit';
import type { DatasetFormat } from '../../lib/dataset/types';
import type { Workspace } from '../../lib/state/workspace.svelte';
import { focusFirstEmptyContent } from '../primitives/focus';

/**
 * A new dataset with one empty example (system, user and assistant boxes for chat), opened in the editor with the
 * cursor in its first Content box: the system prompt, which later examples then start from.
 */
export async function startEmptyDataset(ws: Workspace, name: string, format: DatasetFormat): Promise<void> {
  await ws.create(name, format, [{ id: newExampleId(), value: templateExample(format, '', { systemBox: true }) }]);
  ws.setView('edit');
  await focusFirstEmptyContent();
}

/** Opens a copy of the sample dataset (the cookbook's sarcastic Marv). */
export async function openSampleDataset(ws: Workspace): Promise<void> {
  await ws.create(
    'Marv (sample)',
    'chat',
    sampleExamples().map((value) => ({ id: newExampleId(), value })),
  );
}
