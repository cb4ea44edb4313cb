// An independent reader for the exported zip: Python (when python3 with PyYAML is here; MLflow
// itself is not installable on this machine). It checks what MLflow's FileStore relies on:
// zipfile reads every entry with a good CRC; every meta.yaml is byte for byte what
// yaml.safe_dump(d, default_flow_style=False, allow_unicode=True) writes for its own content (the
// call MLflow's write_yaml makes); every metric line splits into the 3 fields
// _get_metric_from_line parses and is exactly f"{ts} {value} {step}\n" of what it parses to; run
// folders, experiment ids and statuses agree as _list_run_infos / _get_run_info require; registry
// versions and aliases agree as the file registry reads them.
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exportMlruns } from '../../../src/sdk/index';
import { LONG_POINTS, sampleWorkspace } from './sample-workspace';

const SCRIPT = String.raw`
import json, re, sys, zipfile, yaml
z = zipfile.ZipFile(sys.argv[1])
problems = []
bad = z.testzip()
if bad is not None: problems.append('bad CRC: ' + bad)
names = z.namelist()
report = {'entries': len(names), 'meta': 0, 'metric_lines': 0, 'runs': 0, 'versions': 0, 'aliases': 0, 'problems': problems}
RUN = re.compile(r'^mlruns/(?:\.trash/)?([^/]+)/([0-9a-f]{32})/')
for n in names:
    data = z.read(n)
    run = RUN.match(n)
    in_artifacts = run is not None and n[run.end():].startswith('artifacts/')
    if n.endswith('meta.yaml') and not in_artifacts:
        text = data.decode('utf-8')
        d = yaml.safe_load(text)
        if yaml.safe_dump(d, default_flow_style=False, allow_unicode=True) != text:
            problems.append('not as yaml.safe_dump writes it: ' + n)
        report['meta'] += 1
    if run and n[run.end():].startswith('metrics/'):
        for line in data.decode('utf-8').splitlines(True):
            parts = line.strip().split(' ')
            if len(parts) != 3:
                problems.append('metric line with %d fields in %s' % (len(parts), n)); continue
            ts, val, step = int(parts[0]), float(parts[1]), int(parts[2])
            if f'{ts} {val} {step}\n' != line: problems.append('metric line MLflow would write differently: %r in %s' % (line, n))
            report['metric_lines'] += 1
    if run and n == run.group(0) + 'meta.yaml':
        d = yaml.safe_load(data)
        report['runs'] += 1
        if d['experiment_id'] != run.group(1) or not isinstance(d['experiment_id'], str): problems.append('experiment_id vs folder: ' + n)
        if d['run_id'] != run.group(2) or d['run_uuid'] != run.group(2): problems.append('run_id vs folder: ' + n)
        if d['status'] not in (1, 2, 3, 4, 5): problems.append('status: ' + n)
        if d['lifecycle_stage'] not in ('active', 'deleted'): problems.append('lifecycle: ' + n)
        if n.startswith('mlruns/.trash/') and d['lifecycle_stage'] != 'deleted': problems.append('active run in a deleted experiment: ' + n)
    m = re.match(r'^mlruns/models/([^/]+)/version-(\d+)/meta\.yaml$', n)
    if m:
        d = yaml.safe_load(data)
        report['versions'] += 1
        if d['version'] != int(m.group(2)) or d['name'] != m.group(1): problems.append('version vs folder: ' + n)
    m = re.match(r'^mlruns/models/([^/]+)/aliases/(.+)$', n)
    if m:
        report['aliases'] += 1
        if 'mlruns/models/%s/version-%s/meta.yaml' % (m.group(1), data.decode()) not in names: problems.append('alias names no version: ' + n)
print(json.dumps(report))
`;

// Debian's python3 with python3-yaml (.ci/run installs it); /usr/bin/python3, not whatever
// python3 comes first on PATH (a pyenv one may lack PyYAML).
const PYTHON = '/usr/bin/python3';

test('Python (zipfile + PyYAML) reads the export the way MLflow\'s FileStore does', async () => {
  const s = await sampleWorkspace();
  const zip = await exportMlruns(s.ws);
  const path = join(mkdtempSync(join(tmpdir(), 'orchard-export-')), 'mlruns.zip');
  writeFileSync(path, new Uint8Array(await zip.arrayBuffer()));
  const report = JSON.parse(execFileSync(PYTHON, ['-c', SCRIPT, path], { maxBuffer: 1 << 26 }).toString()) as Record<string, unknown>;
  expect(report.problems).toEqual([]);
  expect(report).toMatchObject({ runs: 7, versions: 4, aliases: 2 }); // 3 live + 1 Deleted_Internal
  // 10 special + 2 loss/train + long + acc + progress + m
  expect(report.metric_lines).toBe(10 + 2 + LONG_POINTS + 1 + 1 + 1);
  // 3 experiments + 7 runs + 2 datasets + 2 inputs + 3 registered models + 4 versions
  expect(report.meta).toBe(3 + 7 + 2 + 2 + 3 + 4);
}, 60_000);
