// Local ESLint rule: the four layering rules of GC Lab (architecture.md, "The rooms").
// It resolves every relative import to a path inside the project and decides by folder, which is more
// reliable than matching import strings against patterns.
import path from 'node:path';

// The engine may import the parser packages because @lezer/python and @lezer/common are pure JS
// (no node:*, no DOM, no I/O): the Python subset is parsed with them inside the engine.
const ENGINE_PACKAGES = new Set(['@lezer/python', '@lezer/common']);

/** The layer a project-relative path (posix separators) belongs to. */
export function layerOf(rel) {
  if (rel === 'src-main/engine' || rel.startsWith('src-main/engine/')) return 'engine';
  if (rel === 'src-main/electron' || rel.startsWith('src-main/electron/')) return 'electron';
  if (rel === 'src-main' || rel.startsWith('src-main/')) return 'main';
  if (rel === 'src-renderer' || rel.startsWith('src-renderer/')) return 'renderer';
  if (rel === 'shared' || rel.startsWith('shared/')) return 'shared';
  if (/^src-[^/]+(\/|$)/.test(rel)) return 'src-other';
  return 'outside';
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layers: pure engine, self-contained shared, electron only in src-main/electron, renderer apart from main.' },
    schema: [],
    messages: {
      engineImport:
        'src-main/engine is pure: it may import only engine files, shared/ and @lezer/python|@lezer/common, not "{{spec}}".',
      sharedImport: 'shared/ must not import from src-* ("{{spec}}").',
      electronImport: 'Only src-main/electron may import electron.',
      rendererImport: 'src-renderer must not import src-main ("{{spec}}"); talk through the contract in shared/api.ts.',
    },
  },
  create(context) {
    const cwd = context.cwd;
    const file = context.filename;
    const fromRel = path.relative(cwd, file).split(path.sep).join('/');
    const from = layerOf(fromRel);

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const relative = spec.startsWith('.') || spec.startsWith('/');
      const target = relative
        ? layerOf(path.relative(cwd, path.resolve(path.dirname(file), spec)).split(path.sep).join('/'))
        : null;
      const pkg = relative ? null : packageName(spec);

      if (pkg === 'electron' && from !== 'electron') {
        context.report({ node, messageId: 'electronImport', data: { spec } });
        return;
      }
      if (from === 'engine') {
        const ok = relative ? target === 'engine' || target === 'shared' : ENGINE_PACKAGES.has(pkg);
        if (!ok) context.report({ node, messageId: 'engineImport', data: { spec } });
        return;
      }
      if (from === 'shared' && relative && target !== 'shared' && target !== 'outside') {
        context.report({ node, messageId: 'sharedImport', data: { spec } });
        return;
      }
      if (from === 'renderer' && relative && (target === 'main' || target === 'engine' || target === 'electron')) {
        context.report({ node, messageId: 'rendererImport', data: { spec } });
      }
    }

    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      // TS `import x = require('...')`
      TSExternalModuleReference: (node) => node.expression.type === 'Literal' && check(node.expression, node.expression.value),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

export default { meta: { name: 'gclab-layers' }, rules: { layers: layersRule } };
