// k-means for customer segmentation (see fit.ts for the algorithm, step by step).

export { assignToCentroids, kmeans } from './fit';
export { checkMatrix, throwIfAborted, type AbortFlag, type KMeansOptions, type KMeansResult } from './types';
