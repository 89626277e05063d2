// The layers of src/ point one way: commands use the engine, the engine uses stages, stages use
// nothing above them. test/architecture.test.ts runs these rules in `npm test`; by hand:
//   npx depcruise src --config .dependency-cruiser.cjs
//
// Type-only imports count: a layer that names another's types depends on it all the same.

/** The emitters: one module a format, with the folder of its own helpers where it has one. */
const EMITTER = '^src/emit/(markdown|html|json|docx|pdf|akn)(?:[.]ts$|/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle in src/: the modules in it cannot be understood, tested or loaded one without the others.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'commands-from-below',
      severity: 'error',
      comment:
        'Only the command line (src/cli.ts) and the library entry (src/index.ts) use src/commands/; ' +
        'what several commands need lives below them (the engine, src/report/, …).',
      from: { path: '^src/', pathNot: ['^src/commands/', '^src/cli[.]ts$', '^src/index[.]ts$'] },
      to: { path: '^src/commands/' },
    },
    {
      name: 'emitter-imports-emitter',
      severity: 'error',
      comment:
        'No emitter imports another: what several emitters need is decided in the edition or lives in ' +
        'a shared writer module, src/emit/shared*.ts.',
      from: { path: EMITTER },
      // $1 is the emitter the importing file belongs to (group matching): its own folder is its own.
      to: { path: EMITTER, pathNot: '^src/emit/$1(?:[.]ts$|/)' },
    },
    {
      name: 'read-imports-model',
      severity: 'error',
      comment: 'Reading comes before the model: src/read/ imports nothing from src/model/.',
      from: { path: '^src/read/' },
      to: { path: '^src/model/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(?:lib|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
