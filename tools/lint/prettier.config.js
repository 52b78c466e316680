// Prettier for the TypeScript sources: the house style the code already follows.
export default {
  printWidth: 140,
  singleQuote: true,
  trailingComma: 'all',
};
