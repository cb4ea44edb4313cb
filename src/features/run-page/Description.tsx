// The run's description: MLflow keeps it in the `mlflow.note.content` tag as markdown. Shown
// rendered (sanitised, see Markdown.tsx); editing shows the source beside a live preview. The
// draft is the editor's own, so a run that keeps logging does not overwrite what is being typed.
import type { JSX } from 'solid-js';
import { NOTE_CONTENT_TAG } from '../../domain/system-tags';
import { MarkdownEditor } from '../../ui/components/MarkdownEditor';
import { useWorkspace } from '../../ui/workspace-context';

export function Description(props: { runId: string; content: string | undefined }): JSX.Element {
  const { client } = useWorkspace();
  const save = async (text: string): Promise<void> => {
    // An emptied description removes the tag rather than leaving an empty one behind.
    if (text.trim() === '') {
      if (props.content !== undefined) await client.deleteTag(props.runId, NOTE_CONTENT_TAG);
    } else {
      await client.setTag(props.runId, NOTE_CONTENT_TAG, text);
    }
  };
  return <MarkdownEditor class="run-description" content={props.content ?? ''} onSave={save} rows={10} />;
}
