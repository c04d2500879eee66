// Name and version come from package.json so there is one place to bump them.
import pkg from '../../package.json' with { type: 'json' };

export const APP_NAME: string = pkg.productName;
export const APP_VERSION: string = pkg.version;
