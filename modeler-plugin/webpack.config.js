const path = require('node:path');

// The layout of camunda/camunda-modeler-custom-linter-rules-plugin, the starter the Camunda docs
// name for custom lint rules: one client bundle; .bpmnlintrc compiled by bpmnlint-loader.
module.exports = {
  mode: 'production',
  entry: './client/index.js',
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: 'client.bundle.js',
  },
  module: {
    rules: [{ test: /\.bpmnlintrc$/i, use: 'bpmnlint-loader' }],
  },
  devtool: false,
};
