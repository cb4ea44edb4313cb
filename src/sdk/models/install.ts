// Plugs the model implementations into MlflowClient and the fluent API (see support.ts for why).
import { loadModel } from './load-model';
import { logModel, saveModel } from './log-model';
import { exportModelZip, importModel } from './model-archive';
import { installModelSupport } from './support';

installModelSupport({ logModel, saveModel, loadModel, importModel, exportModelZip });
