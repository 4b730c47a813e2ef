// Typed context helpers: App.svelte provides the workspace and settings; components read them.
import { getContext, setContext } from 'svelte';
import type { Workspace } from './workspace.svelte';
import type { Settings } from './settings.svelte';

const WORKSPACE = Symbol('workspace');
const SETTINGS = Symbol('settings');

export function setApp(ws: Workspace, settings: Settings): void {
  setContext(WORKSPACE, ws);
  setContext(SETTINGS, settings);
}

/** The open workspace (dataset, selection, edits). */
export function useWorkspace(): Workspace {
  return getContext<Workspace>(WORKSPACE);
}

/** UI settings, including `t()` for translated text. */
export function useSettings(): Settings {
  return getContext<Settings>(SETTINGS);
}
