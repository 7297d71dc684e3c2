// The one place that loads @peculiar/x509. Its dependency tsyringe throws at import time unless
// a Reflect metadata polyfill is present, so the polyfill is imported first (ES modules evaluate
// their imports in order). Every other file imports the library from here.
import 'reflect-metadata';

export * as x509 from '@peculiar/x509';
