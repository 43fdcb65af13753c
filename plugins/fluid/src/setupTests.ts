import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The machines that run the suite are small and busy; lazy-loaded
// extensions and syntax highlighting can take more than the default second.
configure({ asyncUtilTimeout: 5000 });
