// The `fluid-model-cache` command: renders a repository from a values file.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { renderModelCacheRepository } from './render';
import { ModelCacheInputError } from './validate';

const USAGE = `Usage: fluid-model-cache generate --values FILE --output DIR

Renders a ModelExpress-with-Fluid repository from a YAML or JSON values file
into DIR, which must not exist or be empty. Invalid values exit with status 1
and leave DIR untouched.`;

/** Where the CLI writes its messages; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

function readValues(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return parseYaml(text);
  } catch (error) {
    throw new Error(
      `${file} is not valid YAML or JSON: ${(error as Error).message}`,
    );
  }
}

function assertWritableTarget(dir: string) {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) {
    throw new Error(`--output ${dir} exists and is not a directory`);
  }
  if (fs.readdirSync(dir).length > 0) {
    throw new Error(
      `--output ${dir} is not empty; choose a new or empty directory`,
    );
  }
}

// Write everything beside the target first and rename it into place, so that
// a failure half-way leaves no half-written repository behind.
function writeRepository(
  dir: string,
  files: { path: string; content: string }[],
) {
  const target = path.resolve(dir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(
    path.join(path.dirname(target), `.${path.basename(target)}.partial-`),
  );
  try {
    for (const file of files) {
      const destination = path.join(staging, file.path);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.writeFileSync(destination, file.content);
    }
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Runs the CLI and resolves with its exit code. */
export async function main(
  argv: string[],
  io: CliIo = processIo,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        values: { type: 'string' },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (
    positionals[0] !== 'generate' ||
    positionals.length !== 1 ||
    !values.values ||
    !values.output
  ) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  try {
    const repository = renderModelCacheRepository(readValues(values.values));
    assertWritableTarget(values.output);
    writeRepository(values.output, repository.files);
    for (const warning of repository.warnings)
      io.stderr(`warning: ${warning}\n`);
    io.stdout(
      `Wrote ${repository.files.length} files to ${values.output} (Dataset ${repository.summary.namespace}/${repository.summary.datasetName}).\n` +
        `Next: create the Secrets in ${values.output}/secrets.example.yaml, then kubectl apply -k ${values.output}/${repository.summary.manifestsPath}\n`,
    );
    return 0;
  } catch (error) {
    const message =
      error instanceof ModelCacheInputError
        ? error.message
        : `error: ${(error as Error).message}`;
    io.stderr(`${message}\n`);
    return 1;
  }
}
