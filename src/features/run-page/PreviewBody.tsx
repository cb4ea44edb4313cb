// The preview a loaded artifact's plan calls for (domain/artifact-preview.ts decides which).
import type { JSX } from 'solid-js';
import type { LoadedPreview } from './load-preview';
import { DownloadOnly } from './previews/DownloadOnly';
import { HtmlPreview } from './previews/HtmlPreview';
import { ImagePreview } from './previews/ImagePreview';
import { JsonPreview } from './previews/JsonPreview';
import { MlmodelPreview } from './previews/MlmodelPreview';
import { TablePreview } from './previews/TablePreview';
import { TextPreview } from './previews/TextPreview';

export function PreviewBody(props: { preview: LoadedPreview; path: string; size: number; onDownload: () => void }): JSX.Element {
  const p = props.preview;
  switch (p.view) {
    case 'image':
      return <ImagePreview blob={p.blob} path={props.path} />;
    case 'json':
      return <JsonPreview text={p.text} />;
    case 'table':
      return <TablePreview text={p.text} delimiter={p.plan.delimiter ?? ','} partial={p.plan.partial} />;
    case 'html':
      return <HtmlPreview html={p.text} path={props.path} />;
    case 'mlmodel':
      return <MlmodelPreview text={p.text} />;
    case 'text':
      return <TextPreview text={p.text} />;
    case 'download':
      return <DownloadOnly path={props.path} size={props.size} tooLarge={p.plan.tooLargeFor !== undefined} onDownload={props.onDownload} />;
  }
}
