/** The project's source files, for tests that hold a rule over the code (who writes the audit log, who reads the environment). */
import fs from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/** TypeScript files below `dirs` (relative to the project), tests excluded, as project-relative paths. */
export function sourceFiles(...dirs: string[]): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
    });
  return dirs.flatMap((dir) => {
    const full = path.join(projectRoot, dir);
    return fs.statSync(full).isDirectory() ? walk(full) : [full];
  }).map((file) => path.relative(projectRoot, file));
}

export function readSource(file: string): string {
  return fs.readFileSync(path.join(projectRoot, file), 'utf8');
}
